"""Message templates: Jinja2 in a sandbox, candidate data as data, missing values reported.

Candidate, job and sender values go into the context as plain strings: Jinja never evaluates them, so
``{{ 7*7 }}`` typed in a candidate's name stays literally in the email. An empty value is *absent* from the
context, so ``{{ candidate.first_name | default("") }}`` works and a bare ``{{ candidate.first_name }}``
for a candidate without one is reported as a missing value (launch is refused while any are).
"""

from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext
from jinja2 import TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment

_missing: ContextVar[list | None] = ContextVar("vivier_template_missing", default=None)


class RecordingUndefined(Undefined):
    """Renders as empty text but remembers that it was printed, so the caller can refuse to send."""

    __slots__ = ()

    def _record(self):
        missing = _missing.get()
        if missing is not None:
            missing.append(self._undefined_name or "?")

    def __str__(self) -> str:
        self._record()
        return ""

    def __iter__(self):
        self._record()
        return iter(())

    # Attribute access on a missing object (``job.title`` without a job) stays undefined and is reported
    # only if printed.
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return RecordingUndefined(name=f"{self._undefined_name}.{name}" if self._undefined_name else name)


class Fields(dict):
    """A context object (candidate, job, sender) that names ``job.title`` in full when it is missing."""

    def __init__(self, prefix: str, values: dict):
        super().__init__(values)
        self.prefix = prefix


class _Environment(SandboxedEnvironment):
    def getattr(self, obj, attribute):
        if isinstance(obj, Fields) and isinstance(attribute, str) and attribute not in obj:
            return self.undefined(name=f"{obj.prefix}.{attribute}")
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if isinstance(obj, Fields) and isinstance(argument, str) and argument not in obj:
            return self.undefined(name=f"{obj.prefix}.{argument}")
        return super().getitem(obj, argument)


ENV = _Environment(
    undefined=RecordingUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


class TemplateSyntaxProblem(ValueError):
    pass


@dataclass
class Rendered:
    subject: str
    body: str
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.errors


def _compact(values: dict) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "")}


def candidate_context(candidate) -> dict:
    return _compact(
        {
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "full_name": candidate.full_name,
            "current_title": candidate.current_title,
            "title": candidate.current_title,
            "current_company": candidate.current_company,
            "company": candidate.current_company,
            "city": candidate.city,
            "headline": candidate.headline,
            "language": candidate.preferred_language,
        }
    )


def job_context(job) -> dict:
    if job is None:
        return {}
    return _compact(
        {
            "title": job.title,
            "company": job.company,
            "location": job.location,
            "place": job.location,
            "salary": job.salary,
            "pitch": job.pitch,
            "url": job.url,
        }
    )


def sender_context(owner, mailbox) -> dict:
    values = {}
    if owner is not None:
        values.update(
            first_name=owner.first_name,
            last_name=owner.last_name,
            full_name=" ".join(p for p in (owner.first_name, owner.last_name) if p),
            email=owner.email,
        )
    if mailbox is not None:
        values["email"] = mailbox.address
        if mailbox.display_name:
            values["full_name"] = mailbox.display_name
        values["signature"] = mailbox.signature
    return _compact(values)


def check_syntax(source: str) -> None:
    try:
        ENV.parse(source or "")
    except TemplateError as exc:
        raise TemplateSyntaxProblem(f"template error: {exc}") from exc


@lru_cache(maxsize=512)
def _compiled(source: str):
    return ENV.from_string(source)


# --- Fast path --------------------------------------------------------------------------------
# Most templates are text with ``{{ name }}`` and ``{{ name.attribute }}`` in it. Jinja's per-render set-up
# (a new Context, the generated function's lookups) costs more than the text itself, and the worker renders
# one subject and one body per step: such templates are rendered here from their parsed form, with the same
# answers (text, missing values). Anything else, and any value that is not plain text, goes to Jinja.

FAST = True
_DICT_NAMES = frozenset([*dir(Fields), "prefix"])  # attributes a Fields object has (dict methods, prefix)
_FALLBACK = object()


@lru_cache(maxsize=512)
def fast_plan(source: str):
    """The template as a tuple of parts ((0, text) | (1, name) | (2, name, attribute)), or None when it uses
    anything else (filters, tags, expressions, Jinja's globals, private attributes)."""
    from jinja2 import nodes

    try:
        tree = ENV.parse(source)
    except TemplateError:
        return None
    parts = []
    for node in tree.body:
        if type(node) is not nodes.Output:
            return None
        for child in node.nodes:
            if type(child) is nodes.TemplateData:
                parts.append((0, child.data))
            elif type(child) is nodes.Name and child.ctx == "load" and child.name not in ENV.globals:
                parts.append((1, child.name))
            elif (
                type(child) is nodes.Getattr
                and child.ctx == "load"
                and type(child.node) is nodes.Name
                and child.node.ctx == "load"
                and child.node.name not in ENV.globals
                and not child.attr.startswith("_")
                and child.attr not in _DICT_NAMES
            ):
                parts.append((2, child.node.name, child.attr))
            else:
                return None
    return tuple(parts)


def _render_plan(plan: tuple, context: dict, missing: list[str]):
    out = []
    for part in plan:
        if part[0] == 0:
            out.append(part[1])
            continue
        name = part[1]
        if name not in context:
            missing.append(name if part[0] == 1 else f"{name}.{part[2]}")
            continue
        value = context[name]
        if part[0] == 2:
            if type(value) is not Fields:
                return _FALLBACK
            if part[2] not in value:
                missing.append(f"{value.prefix}.{part[2]}")
                continue
            value = value[part[2]]
        if type(value) is not str:
            return _FALLBACK
        out.append(value)
    return "".join(out)


def render_text(source: str, context: dict, missing: list[str], errors: list[str]) -> str:
    if FAST:
        plan = fast_plan(source or "")
        if plan is not None:
            found: list[str] = []
            text = _render_plan(plan, context, found)
            if text is not _FALLBACK:
                missing.extend(found)
                return text
    token = _missing.set(missing)
    try:
        return _compiled(source or "").render(context)
    except TemplateError as exc:  # includes SecurityError from the sandbox
        errors.append(f"{type(exc).__name__}: {exc}")
        return ""
    except Exception as exc:  # a hostile template must never crash the worker
        errors.append(f"{type(exc).__name__}: {exc}")
        return ""
    finally:
        _missing.reset(token)


def render_step(
    *, step, candidate, job, owner, mailbox, hook: str = "", extra: dict | None = None
) -> Rendered:
    """Render one step for one candidate. Subject CR/LF is an error (no header injection)."""
    subject_src, body_src = step.templates(candidate.preferred_language)
    context = {
        "candidate": Fields("candidate", candidate_context(candidate)),
        "job": Fields("job", job_context(job)),
        "sender": Fields("sender", sender_context(owner, mailbox)),
    }
    if hook and hook.strip():
        context["hook"] = hook.strip()
    context.update(extra or {})
    missing: list[str] = []
    errors: list[str] = []
    subject = render_text(subject_src, context, missing, errors).strip()
    body = render_text(body_src, context, missing, errors).strip("\n")
    if "\r" in subject or "\n" in subject:
        errors.append("the subject contains a line break")
    # de-duplicate, keep order
    return Rendered(subject=subject, body=body, missing=list(dict.fromkeys(missing)), errors=errors)


def clean_hook(text: str) -> str:
    """A hook is one or a few lines of plain text; it is data, never template code."""
    text = (text or "").strip()
    if len(text) > 1000:
        raise ValueError(gettext("The hook is too long (1,000 characters at most)."))
    return text
