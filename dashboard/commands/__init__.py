"""One module per `python -m dashboard` command, each with register(subparsers)."""
