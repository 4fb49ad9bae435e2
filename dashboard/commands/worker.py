"""`python -m dashboard worker`: the consumer of the delivery queue, which also
runs its every-minute scan for due schedules."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `worker` command."""
    parser = subparsers.add_parser(
        "worker", help="send scheduled reports (runs until stopped)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=2,
        choices=range(1, 17),
        metavar="N",
        help="messages rendered at once (default 2)",
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="scan once, send what is due in this process, and exit",
    )
    parser.set_defaults(handler=run_worker)


def run_worker(args: argparse.Namespace, context) -> int:
    """Run the Huey consumer (or one scan with --once)."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from dashboard.auth.clock import utc_now
    from dashboard.delivery.config import DeliverySettings
    from dashboard.delivery.mailer import mailer_for
    from dashboard.delivery.send import deliver
    from dashboard.delivery.worker import build_queue, scan

    ds = DeliverySettings.from_env()
    engine, settings = context.engine, context.settings
    where = f"SMTP {ds.smtp!r}" if ds.smtp else f"the outbox {ds.outbox}"
    if args.once:
        mailer = mailer_for(ds)
        ids = scan(engine, settings, ds, mailer, utc_now())
        found = [deliver(engine, settings, ds, mailer, i, now=utc_now()) for i in ids]
        print(f"{found.count('sent')} of {len(ids)} due messages sent via {where}")
        return 0
    queue = build_queue(engine, settings, ds)
    print(f"worker started: messages go via {where}", flush=True)
    consumer = queue.huey.create_consumer(workers=args.threads, periodic=True)
    consumer.run()
    return 0
