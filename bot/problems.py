"""What validating the knowledge base reports: each problem with its file and line, all at once.

A :class:`Problem` names the file, the line and the field in plain words; loading raises
:class:`KnowledgeBaseError` with every problem found, not just the first. ``validate`` also
reports warnings (facts due for review) as problems (:func:`bot.knowledge.stale_facts`).
"""

from __future__ import annotations

from dataclasses import dataclass

FOLDER = ""  # the file of a problem with the knowledge folder as a whole


@dataclass(frozen=True)
class Problem:
    """One validation error or warning, located in a file."""

    file: str  # its path inside the knowledge folder, "/"-separated; FOLDER for the whole
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{loc}: {text}" if loc else text


class KnowledgeBaseError(Exception):
    """The knowledge base has errors; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} error(s) in the knowledge base:\n{lines}")
