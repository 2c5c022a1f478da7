"""``python -m bot``: the same command line as the ``ballard-bot`` script."""

from __future__ import annotations

import sys

from bot.cli import main as _main


def main() -> None:
    """Console-script entry point."""
    sys.exit(_main())


if __name__ == "__main__":
    main()
