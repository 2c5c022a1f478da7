"""The review queue in Discord: its pages and buttons (helpers of the moderation cog; the
grouping is :mod:`bot.curation`, the changes go through :mod:`bot.exts._teaching`).

Every button and select of the queue is a ``DynamicItem``: what it acts on (the days looked
back, a group's or a proposal's id) lives in its ``custom_id``, and the queue is worked out
again on each press, so the buttons keep working after a restart and act on what is true now.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.client import APOLOGY, send_ephemeral
from bot.curation import Group, Proposal, Queue, entry_name
from bot.exts._moderators import NotModerator, _fit, _quote, is_moderator
from bot.exts._teaching import MAX_CHOICE_CHARS, MAX_OPTIONS, mark_unknown, teach
from bot.knowledge import MAX_QUESTION_CHARS, Fact, Unknown
from bot.learned import clean_question, same_unknown
from bot.matching import Matcher
from bot.text import counted

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
ROWS_PER_PAGE = 4  # of Discord's 5 action rows; the last one pages


def _bot(interaction: discord.Interaction) -> Any:
    return interaction.client


# -- the queue -----------------------------------------------------------------------------


async def build_queue(bot: Any, guild_id: int, days: int) -> Queue:
    """The review queue of a server (its questions and DMs), against the current knowledge."""
    matcher: Matcher = bot.knowledge.matcher
    return await bot.storage.review.queue(matcher, guild_id, days, guild_id)


def _pages(queue: Queue) -> list[list[Group | Proposal]]:
    """Proposals (one row each: accept, reject), then groups (two rows: a select, buttons)."""
    pages: list[list[Group | Proposal]] = [[]]
    used = 0
    items: tuple[Group | Proposal, ...] = (*queue.proposals, *queue.groups)
    for item in items:
        cost = 1 if isinstance(item, Proposal) else 2
        if used + cost > ROWS_PER_PAGE:
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += cost
    return pages


def _day(moment: dt.datetime) -> str:
    return f"{moment.day} {moment:%b}"


def group_text(n: int, group: Group) -> str:
    lines = [f"**{n}.** {group.count}× “{_quote(group.question, 90)}”"]
    others = [w for w, _ in group.wordings[1:]]
    if others:
        shown = ", ".join(f"“{_quote(w, 40)}”" for w in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        lines.append(f"   also asked as {shown}{more}")
    when = f"first {_day(group.first)}, last {_day(group.last)}"
    dms = f" · {group.dms} in DMs" if group.dms else ""
    known = "".join(f" · {said}" for said in group.status(lambda i: f"`{i}`"))
    lines.append(f"   {when}{dms}{known}")
    return "\n".join(lines)


def proposal_text(n: int, proposal: Proposal) -> str:
    return (
        f"**💡 {n}.** Add “{_quote(proposal.question, 90)}” as an example of "
        f"**{proposal.fact.heading}**? {_quote(proposal.evidence(), 300)}"
    )


async def queue_page(
    bot: Any, guild_id: int, days: int, page: int, notice: str = ""
) -> dict[str, Any]:
    """One page of `/faq unanswered`: text and components."""
    queue = await build_queue(bot, guild_id, days)
    pages = _pages(queue)
    page = min(max(page, 0), len(pages) - 1)
    asked = sum(g.count for g in queue.groups)
    head = [notice] if notice else []
    if not queue.groups and not queue.proposals:
        dropped = f" ({queue.now_answered_words()})" if queue.now_answered else ""
        head.append(f"No unanswered questions in the last {counted(days, 'day')}.{dropped} 🎉")
        return {"content": _fit("\n".join(head)), "view": None}
    head.append(
        f"**Review queue, last {counted(days, 'day')}** (this server and DMs): "
        f"{counted(len(queue.groups), 'unanswered question')} asked {counted(asked, 'time')}, "
        f"{counted(len(queue.proposals), 'proposed example')}"
        + (f"; {queue.now_answered_words()}" if queue.now_answered else "")
        + f". Page {page + 1} of {len(pages)}."
    )
    view = discord.ui.View(timeout=None)
    row = 0
    blocks = []
    first = sum(len(p) for p in pages[:page]) + 1
    for n, item in enumerate(pages[page], first):
        if isinstance(item, Proposal):
            blocks.append(proposal_text(n, item))
            view.add_item(QueueActionButton("acc", days, item.id, n, row=row))
            view.add_item(QueueActionButton("rej", days, item.id, n, row=row))
            row += 1
        else:
            blocks.append(group_text(n, item))
            long = _too_long(item.question)  # (shortened in a form first)
            options = _teach_options(bot, item)
            view.add_item(TeachSelect(days, item.id, options, n, row=row, reword=long))
            view.add_item(UnknownButton(days, item.id, n, row=row + 1, reword=long))
            view.add_item(QueueActionButton("dis", days, item.id, n, row=row + 1))
            row += 2
    if len(pages) > 1:
        view.add_item(QueuePageButton(days, page - 1, "◀ Previous", disabled=page == 0))
        view.add_item(QueuePageButton(days, page + 1, "Next ▶", disabled=page >= len(pages) - 1))
    view.stop()
    return {"content": _fit("\n".join(head + blocks)), "view": view}


def _teach_options(bot: Any, group: Group) -> list[discord.SelectOption]:
    """The entries a group's question may be taught to, as /faq teach takes them: the likely
    facts, the known unknown it is read as, those the matcher ranks for it (known unknowns
    too), then every other fact and known unknown, as many as a select holds."""
    kb = bot.knowledge.kb
    matcher: Matcher = bot.knowledge.matcher
    ranked = [s.fact or s.unknown for s in matcher.match(group.question[:300]).ranked]
    entries: dict[str, Fact | Unknown] = {}
    for entry in (*group.likely, group.unknown, *ranked, *kb.facts, *kb.unknowns):
        if entry is not None:
            entries.setdefault(entry.id, entry)
    likely = {f.id for f in group.likely}

    def described(e: Fact | Unknown) -> str:
        kind = "known unknown · " if isinstance(e, Unknown) else ""
        return ("likely · " if e.id in likely else "") + kind + e.id

    return [
        discord.SelectOption(
            label=_fit(entry_name(e), MAX_CHOICE_CHARS),
            value=e.id,
            description=_fit(described(e), MAX_CHOICE_CHARS),
        )
        for e in list(entries.values())[:MAX_OPTIONS]
    ]


def _too_long(question: str) -> bool:
    """Whether a fan's question is longer than a taught one may be: it is shortened first."""
    return len(clean_question(question)) > MAX_QUESTION_CHARS


def _shortened(question: str) -> str:
    """A long question's start, as the form to shorten it shows it."""
    return clean_question(question)[:MAX_QUESTION_CHARS].rstrip()


def _question_input(question: str) -> discord.ui.TextInput:
    """A field holding a long question's first MAX_QUESTION_CHARS, for the moderator to
    shorten into a question that can be taught."""
    return discord.ui.TextInput(
        label=f"The question, in {MAX_QUESTION_CHARS} characters at most",
        style=discord.TextStyle.paragraph,
        default=_shortened(question),
        max_length=MAX_QUESTION_CHARS,
        custom_id="question",
    )


async def _guarded(
    interaction: discord.Interaction, what: str, action: Callable[[], Awaitable[None]]
) -> None:
    """Run a queue action for a moderator; anyone else is told why not."""
    try:
        await is_moderator(interaction)
        await action()
    except NotModerator as exc:
        await send_ephemeral(interaction, exc.user_message)
    except Exception:
        log.exception("%s failed", what)
        await send_ephemeral(interaction, APOLOGY)


async def _refresh(interaction: discord.Interaction, days: int, page: int, notice: str) -> None:
    """Show the queue again (its first page by default) with what was done at the top."""
    assert interaction.guild_id is not None
    shown = await queue_page(_bot(interaction), interaction.guild_id, days, page, notice)
    await interaction.edit_original_response(allowed_mentions=NO_MENTIONS, **shown)


async def _find(interaction: discord.Interaction, days: int, kind: str, ident: str) -> Any:
    assert interaction.guild_id is not None
    queue = await build_queue(_bot(interaction), interaction.guild_id, days)
    return queue.group(ident) if kind == "group" else queue.proposal(ident)


GONE = "That entry is no longer in the queue (answered, dismissed or changed since)."


class QueuePageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"ballard:rq:page:(?P<days>\d{1,3}):(?P<page>-?\d{1,4})",
):
    """Previous / next page of the review queue."""

    def __init__(self, days: int, page: int, label: str = "", *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Page",
                style=discord.ButtonStyle.secondary,
                custom_id=f"ballard:rq:page:{days}:{page}",
                disabled=disabled,
            ),
            row=4,
        )
        self.days, self.page = days, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QueuePageButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["days"]), int(match["page"]), label or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        async def act() -> None:
            await interaction.response.defer()
            await _refresh(interaction, self.days, self.page, "")

        await _guarded(interaction, "paging the review queue", act)


class TeachSelect(
    discord.ui.DynamicItem[discord.ui.Select],
    template=r"ballard:rq:teach:(?P<days>\d{1,3}):(?P<id>[0-9a-f]{10})(?P<reword>:r)?",
):
    """Teach a group's wording as an example of the entry chosen (likely facts first); a
    wording too long to teach (``reword``) is shortened in a form first (RewordForm)."""

    def __init__(
        self,
        days: int,
        group_id: str,
        options: list[discord.SelectOption] | None = None,
        n: int = 0,
        *,
        row: int | None = None,
        reword: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"ballard:rq:teach:{days}:{group_id}" + (":r" if reword else ""),
                placeholder=f"{n}. Teach it as an example of…" if n else "Teach it as…",
                options=options or [discord.SelectOption(label="-", value="-")],
            ),
            row=row,
        )
        self.days, self.group_id, self.reword = days, group_id, reword

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> TeachSelect:
        made = cls(int(match["days"]), match["id"], reword=bool(match["reword"]))
        if isinstance(item, discord.ui.Select):
            made.item.options = item.options or made.item.options
        return made

    async def callback(self, interaction: discord.Interaction) -> None:
        async def act() -> None:
            if self.reword:
                await _open_form(
                    interaction,
                    self.days,
                    self.group_id,
                    lambda group: RewordForm(
                        self.days, self.group_id, self.item.values[0], group.question
                    ),
                )
                return
            await interaction.response.defer()
            group = await _find(interaction, self.days, "group", self.group_id)
            if group is None:
                notice = GONE
            else:
                bot = _bot(interaction)
                notice = await teach(bot, group.question, self.item.values[0], interaction.user)
            await _refresh(interaction, self.days, 0, notice)

        await _guarded(interaction, "teaching from the review queue", act)


async def _open_form(
    interaction: discord.Interaction,
    days: int,
    group_id: str,
    form: Callable[[Group], discord.ui.Modal],
) -> None:
    """Open a form about a group (that must be found first: it shows its question)."""
    group = await _find(interaction, days, "group", group_id)
    if group is None:
        await send_ephemeral(interaction, GONE)
    else:
        await interaction.response.send_modal(form(group))


async def _show_after_form(interaction: discord.Interaction, days: int, notice: str) -> None:
    """The queue again after a form, with what was done at the top: a new message (a form's
    answer need not come with the message that opened it)."""
    assert interaction.guild_id is not None
    shown = await queue_page(_bot(interaction), interaction.guild_id, days, 0, notice)
    if shown["view"] is None:
        del shown["view"]
    await interaction.followup.send(ephemeral=True, allowed_mentions=NO_MENTIONS, **shown)


async def _submitted(
    interaction: discord.Interaction,
    days: int,
    group_id: str,
    what: str,
    done: Callable[[Group], Awaitable[str]],
) -> None:
    """A review queue form submitted: what ``done`` does with its group (that must still be
    in the queue), then the queue again with what was done at the top."""

    async def act() -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        group = await _find(interaction, days, "group", group_id)
        notice = GONE if group is None else await done(group)
        await _show_after_form(interaction, days, notice)

    await _guarded(interaction, what, act)


class RewordForm(discord.ui.Modal, title="Shorten the question to teach it"):
    """A fan's question too long to teach, shortened by the moderator, then taught."""

    def __init__(self, days: int, group_id: str, entry_id: str, question: str) -> None:
        super().__init__(timeout=900, custom_id=f"ballard:rq:reword:{days}:{group_id}")
        self.days, self.group_id, self.entry_id = days, group_id, entry_id
        self.question = _question_input(question)
        self.add_item(self.question)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def done(group: Group) -> str:
            user = interaction.user
            return await teach(_bot(interaction), self.question.value, self.entry_id, user)

        what = "teaching a shortened question"
        await _submitted(interaction, self.days, self.group_id, what, done)


class UnknownButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"ballard:rq:unk:(?P<days>\d{1,3}):(?P<id>[0-9a-f]{10})(?P<reword>:r)?",
):
    """Mark a group as a known unknown: asks for a short note in a form (and, for a wording
    too long to teach, ``reword``, a shorter one)."""

    def __init__(
        self, days: int, group_id: str, n: int = 0, *, row: int | None = None, reword: bool = False
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=f"{n}. Known unknown…" if n else "Known unknown…",
                emoji="❔",
                style=discord.ButtonStyle.secondary,
                custom_id=f"ballard:rq:unk:{days}:{group_id}" + (":r" if reword else ""),
            ),
            row=row,
        )
        self.days, self.group_id, self.reword = days, group_id, reword

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> UnknownButton:
        return cls(int(match["days"]), match["id"], reword=bool(match["reword"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def act() -> None:
            if self.reword:
                await _open_form(
                    interaction,
                    self.days,
                    self.group_id,
                    lambda group: UnknownForm(self.days, self.group_id, group.question),
                )
            else:
                await interaction.response.send_modal(UnknownForm(self.days, self.group_id))

        await _guarded(interaction, "opening the known unknown form", act)


class UnknownForm(discord.ui.Modal, title="A question the sources cannot answer yet"):
    """What a group's question is about: a new known unknown, or one the base has (named by
    its id or its note: the question is taught to it, as /faq teach would)."""

    def __init__(self, days: int, group_id: str, question: str | None = None) -> None:
        super().__init__(timeout=900, custom_id=f"ballard:rq:unkform:{days}:{group_id}")
        self.days, self.group_id = days, group_id
        # (a wording too long to teach: shortened here first)
        self.question = _question_input(question) if question is not None else None
        if self.question is not None:
            self.add_item(self.question)
        self.about: discord.ui.TextInput = discord.ui.TextInput(
            label="What is it about? (a few words)",
            placeholder="e.g. the soundtrack; or a known unknown's id, to add the question there",
            max_length=100,
            custom_id="about",
        )
        self.add_item(self.about)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def done(group: Group) -> str:
            bot, user = _bot(interaction), interaction.user
            question = self.question.value if self.question is not None else group.question
            about = self.about.value
            existing = same_unknown(bot.knowledge.kb, about)
            if existing is not None:  # ("music and crew": `music-and-crew` has it)
                return await teach(bot, question, existing.id, user)
            return await mark_unknown(bot, question, about, user)

        await _submitted(interaction, self.days, self.group_id, "adding a known unknown", done)


async def _dismiss(interaction: discord.Interaction, group: Group) -> str:
    assert interaction.guild_id is not None
    await _bot(interaction).storage.review.dismiss(
        interaction.guild_id, group.keys, interaction.user.id
    )
    return f"🗑️ Dismissed “{_quote(group.question, 90)}” ({group.count}×)."


async def _accept(interaction: discord.Interaction, found: Proposal) -> str:
    return await teach(_bot(interaction), found.question, found.fact.id, interaction.user)


async def _reject(interaction: discord.Interaction, found: Proposal) -> str:
    assert interaction.guild_id is not None
    await _bot(interaction).storage.review.reject(
        interaction.guild_id, found.key, found.fact.id, interaction.user.id
    )
    return (
        f"✖️ Rejected “{_quote(found.question, 90)}” as an example of "
        f"`{found.fact.id}`; it won't be proposed again."
    )


@dataclass(frozen=True)
class _Action:
    label: str
    emoji: str
    style: discord.ButtonStyle
    kind: str  # what the id in the button names: "group" or "proposal"
    what: str  # for the log, when it fails
    run: Callable[[discord.Interaction, Any], Awaitable[str]]  # what was done, for the notice


ACTIONS = {
    # dismiss a group for good (its wordings stay out of this server's queue)
    "dis": _Action(
        "Dismiss", "🗑️", discord.ButtonStyle.secondary, "group", "dismissing a group", _dismiss
    ),
    # accept a proposed example: it is taught into the learned file
    "acc": _Action(
        "Accept", "✅", discord.ButtonStyle.success, "proposal", "accepting a proposal", _accept
    ),
    # reject a proposed example for good
    "rej": _Action(
        "Reject", "✖️", discord.ButtonStyle.secondary, "proposal", "rejecting a proposal", _reject
    ),
}


class QueueActionButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"ballard:rq:(?P<action>dis|acc|rej):(?P<days>\d{1,3}):(?P<id>[0-9a-f]{10})",
):
    """Dismiss a group, or accept or reject a proposal (``ACTIONS``), then show the queue."""

    def __init__(
        self, action: str, days: int, ident: str, n: int = 0, *, row: int | None = None
    ) -> None:
        spec = ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=f"{n}. {spec.label}" if n else spec.label,
                emoji=spec.emoji,
                style=spec.style,
                custom_id=f"ballard:rq:{action}:{days}:{ident}",
            ),
            row=row,
        )
        self.action, self.days, self.ident = action, days, ident

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QueueActionButton:
        return cls(match["action"], int(match["days"]), match["id"])

    async def callback(self, interaction: discord.Interaction) -> None:
        spec = ACTIONS[self.action]

        async def act() -> None:
            await interaction.response.defer()
            found = await _find(interaction, self.days, spec.kind, self.ident)
            notice = GONE if found is None else await spec.run(interaction, found)
            await _refresh(interaction, self.days, 0, notice)

        await _guarded(interaction, spec.what, act)


REVIEW_ITEMS = (
    QueuePageButton,
    TeachSelect,
    UnknownButton,
    QueueActionButton,
)
