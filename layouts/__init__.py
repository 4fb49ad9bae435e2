"""What the page looks like: pure functions of plain values returning components."""
