"""Discord-shaped errors and Discord's limits on message bodies."""

from __future__ import annotations

from ._models import ATTACHMENT_SIZE_LIMIT, JSON, UploadedFile, iter_components


class ApiError(Exception):
    """Raised by handlers; becomes a Discord-shaped JSON error."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> JSON:
        data: JSON = {"message": self.message, "code": self.code}
        if self.errors is not None:
            data["errors"] = self.errors
        return data


def form_error(field_path: str, code: str, message: str) -> ApiError:
    errors: JSON = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(field_path.split(".")):
        errors = {part: errors}
    return ApiError(400, 50035, "Invalid Form Body", errors)


def validate_message(body: JSON, files: list[UploadedFile], *, partial: bool = False) -> None:
    """Discord's limits on a message body; raise ApiError like Discord would."""
    content = body.get("content")
    if content is not None and len(str(content)) > 2000:
        raise form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
    embeds = body.get("embeds")
    if embeds is None and body.get("embed") is not None:
        embeds = [body["embed"]]
    embeds = embeds or []
    if len(embeds) > 10:
        raise form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    # (6,000 characters for each embed, and for all the embeds of a message together)
    if sum(_validate_embed(embed, f"embeds.{i}") for i, embed in enumerate(embeds)) > 6000:
        raise form_error("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size.")
    components = body.get("components") or []
    flags = int(body.get("flags") or 0)
    v2 = bool(flags & (1 << 15))
    if not v2 and len(components) > 5:
        raise form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
    seen: set[str] = set()
    for comp in iter_components(components):
        cid = comp.get("custom_id")
        if cid is not None:
            if not 1 <= len(cid) <= 100:
                raise form_error("components", "BASE_TYPE_BAD_LENGTH", "custom_id 1-100 long")
            if cid in seen:
                raise form_error("components", "COMPONENT_CUSTOM_ID_DUPLICATED", "Duplicate id")
            seen.add(cid)
        label = comp.get("label")
        if comp.get("type") == 2 and label is not None and len(label) > 80:
            raise form_error("components", "BASE_TYPE_MAX_LENGTH", "label: 80 or fewer.")
        if comp.get("type") == 1 and not v2 and len(comp.get("components") or []) > 5:
            raise form_error("components", "BASE_TYPE_MAX_LENGTH", "Max 5 per action row.")
    for f in files:
        if len(f.data) > ATTACHMENT_SIZE_LIMIT:
            raise ApiError(413, 40005, "Request entity too large")
    if partial:
        return
    has_something = bool(
        content
        or embeds
        or components
        or files
        or body.get("sticker_ids")
        or body.get("poll")
        or body.get("attachments")
    )
    if not has_something:
        raise ApiError(400, 50006, "Cannot send an empty message")


def _validate_embed(embed: JSON, where: str) -> int:
    limits = {"title": 256, "description": 4096}
    total = 0
    for key, limit in limits.items():
        value = embed.get(key)
        if value is not None:
            if len(str(value)) > limit:
                raise form_error(
                    f"{where}.{key}", "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer."
                )
            total += len(str(value))
    fields = embed.get("fields") or []
    if len(fields) > 25:
        raise form_error(f"{where}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer.")
    for i, fld in enumerate(fields):
        name, value = str(fld.get("name", "")), str(fld.get("value", ""))
        if not name or len(name) > 256:
            raise form_error(f"{where}.fields.{i}.name", "BASE_TYPE_BAD_LENGTH", "1-256 long.")
        if not value or len(value) > 1024:
            raise form_error(f"{where}.fields.{i}.value", "BASE_TYPE_BAD_LENGTH", "1-1024 long.")
        total += len(name) + len(value)
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        if len(footer) > 2048:
            raise form_error(f"{where}.footer.text", "BASE_TYPE_MAX_LENGTH", "2048 or fewer.")
        total += len(footer)
    author = (embed.get("author") or {}).get("name")
    if author:
        total += len(author)
    if total > 6000:
        raise form_error(where, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size.")
    return total
