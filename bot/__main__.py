"""``python -m bot``: the same command line as the ``ballard-bot`` script."""

from __future__ import annotations

import os
import sys

from bot.cli import main as _main


def main() -> None:
    """Console-script entry point."""
    try:
        code = _main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`ballard-bot ask - < qs | head`): stop quietly, as cat does,
        # and keep Python from complaining about the closed stdout when it exits.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except KeyboardInterrupt:
        # Ctrl-C at a prompt (chat, review): leave as Ctrl-D does, without a traceback (what
        # review had done is done: each answer at once)
        print(file=sys.stderr)
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
