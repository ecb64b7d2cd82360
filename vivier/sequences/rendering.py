"""Message templates: Jinja2 in a sandbox, candidate data as data, missing values reported.

Candidate, job and sender values go into the context as plain strings: Jinja never evaluates them, so
``{{ 7*7 }}`` typed in a candidate's name stays literally in the email. An empty value is *absent* from the
context, so ``{{ candidate.first_name | default("") }}`` works and a bare ``{{ candidate.first_name }}``
for a candidate without one is reported as a missing value (launch is refused while any are).
"""

import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext
from jinja2 import TemplateError, Undefined, nodes
from jinja2.compiler import CodeGenerator
from jinja2.filters import do_center, do_format, do_indent, do_replace
from jinja2.sandbox import SandboxedEnvironment

_missing: ContextVar[list | None] = ContextVar("vivier_template_missing", default=None)

# Limits of one rendering (a subject or a body): a message is text for one person, so these are far above
# any real template and far below what would stall a preview request or the worker.
MAX_OUTPUT = 100_000  # characters, and the largest string or list a template may build
MAX_RANGE = 1_000  # items of one range()
MAX_LOOPS = 20_000  # turns of all range() loops together
MAX_POWER = 64  # largest exponent of **
MAX_SECONDS = 0.5
_budget: ContextVar[list | None] = ContextVar("vivier_template_budget", default=None)
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\*|\d{4,})|%[-+ #0]*\d*\.(\*|\d{4,})")


class TemplateLimit(TemplateError):
    """A template asked for more than a message needs; the message says what, in the user's language."""


def _too_long():
    return TemplateLimit(
        gettext("the message is too long (at most %(count)s characters)") % {"count": f"{MAX_OUTPUT:,}"}
    )


def _tick(turns: int = 1) -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget[1] -= turns
    if budget[1] < 0:
        raise TemplateLimit(
            gettext("the template loops too many times (at most %(count)s)") % {"count": MAX_LOOPS}
        )
    if time.monotonic() > budget[0]:
        raise TemplateLimit(gettext("the template takes too long to render"))


def _check_size(value):
    if isinstance(value, str | list | tuple) and len(value) > MAX_OUTPUT:
        raise _too_long()
    return value


class _Range:
    """``range()`` in templates: at most MAX_RANGE items, each turn counted against the rendering's budget."""

    def __init__(self, *args):
        self.items = range(*args)
        if len(self.items) > MAX_RANGE:
            raise TemplateLimit(gettext("a range has at most %(count)s items") % {"count": MAX_RANGE})

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        for item in self.items:
            _tick()
            yield item


def _bounded_join(values) -> str:
    parts = [str(v) for v in values]
    if sum(map(len, parts)) > MAX_OUTPUT:
        raise _too_long()
    return "".join(parts)


class _CodeGenerator(CodeGenerator):
    def visit_Concat(self, node, frame):
        # ``a ~ b``: doubling a string in a loop would otherwise take all the memory before any output.
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _width(value) -> int:
    return value if isinstance(value, int) else 0


def _center(value, width=80):
    if _width(width) > MAX_OUTPUT:
        raise _too_long()
    return do_center(value, width)


def _indent(value, width=4, *args, **kwargs):
    if isinstance(width, int) and width > MAX_OUTPUT or isinstance(width, str) and len(width) > MAX_OUTPUT:
        raise _too_long()
    return _check_size(do_indent(value, width, *args, **kwargs))


def _format(value, *args, **kwargs):
    if _WIDE_FORMAT.search(str(value)):
        raise _too_long()
    return do_format(value, *args, **kwargs)


def _replace(eval_ctx, value, old, new, count=None):
    text, old, new = str(value), str(old), str(new)
    if old and len(text) + text.count(old) * max(0, len(new) - len(old)) > MAX_OUTPUT:
        raise _too_long()
    return do_replace(eval_ctx, value, old, new, count)


_replace.jinja_pass_arg = do_replace.jinja_pass_arg


def _finalize(value):
    # A function printed would show its memory address (``{{ ''.join }}``): print nothing instead.
    return "" if callable(value) and not isinstance(value, Undefined) else value


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
    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset(["*", "**", "%"])
    bounded_join = staticmethod(_bounded_join)

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            big = isinstance(right, int | float) and abs(right) > MAX_POWER and abs(left) not in (0, 1)
            if (
                big
                or isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() * right > 100_000
            ):
                raise TemplateLimit(
                    gettext("a power has an exponent of at most %(count)s") % {"count": MAX_POWER}
                )
        elif operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    if len(sequence) * times > MAX_OUTPUT:
                        raise _too_long()
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise _too_long()
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        # str methods that pad or repeat: ljust(10**9) would take the memory before any check.
        name = getattr(__obj, "__name__", "")
        if isinstance(getattr(__obj, "__self__", None), str):
            if name in ("center", "ljust", "rjust", "zfill", "expandtabs") and any(
                _width(a) > MAX_OUTPUT for a in args
            ):
                raise _too_long()
            if name == "replace" and len(args) >= 2:
                text, old, new = __obj.__self__, str(args[0]), str(args[1])
                if old and len(text) + text.count(old) * max(0, len(new) - len(old)) > MAX_OUTPUT:
                    raise _too_long()
            if name in ("format", "format_map") and _WIDE_FORMAT.search(__obj.__self__.replace("{", "%")):
                raise _too_long()
        _tick(0)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

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
    finalize=_finalize,
)
ENV.globals["range"] = _Range
ENV.filters.update(center=_center, indent=_indent, format=_format, replace=_replace)


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


def sender_context(owner, mailbox, *, team=None) -> dict:
    """The ``sender.*`` fields. ``sender.signature`` is the mailbox's, else the team's default signature
    (``team``: the team, or a callable returning it, read only when the mailbox has none)."""
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
    if not values.get("signature") and team is not None:
        team = team() if callable(team) else team
        if team is not None:
            values["signature"] = team.default_signature
    return _compact(values)


def check_syntax(source: str) -> None:
    """Refuse a template that does not parse, or that asks for an absurd range, power or repetition."""
    try:
        tree = ENV.parse(source or "")
    except TemplateError as exc:
        raise TemplateSyntaxProblem(f"template error: {exc}") from exc
    for node in tree.find_all((nodes.Call, nodes.Pow, nodes.Mul)):
        try:
            if isinstance(node, nodes.Call):
                if isinstance(node.node, nodes.Name) and node.node.name == "range" and not node.kwargs:
                    _Range(*(arg.as_const() for arg in node.args))
            elif isinstance(node, nodes.Pow):
                ENV.call_binop(None, "**", 2, node.right.as_const())
            else:
                left, right = node.left.as_const(), node.right.as_const()
                if isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
                    ENV.call_binop(None, "*", left, right)
        except nodes.Impossible:
            continue  # not constant: the limits apply when it renders
        except TemplateLimit as exc:
            raise TemplateSyntaxProblem(f"template error: {exc}") from exc
        except (TypeError, ValueError):
            continue


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
    budget = _budget.set([time.monotonic() + MAX_SECONDS, MAX_LOOPS])
    try:
        out, size = [], 0
        for chunk in _compiled(source or "").generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _too_long()
            out.append(chunk)
            _tick(0)
        return "".join(out)
    except TemplateLimit as exc:
        errors.append(str(exc))
        return ""
    except TemplateError as exc:  # includes SecurityError from the sandbox
        errors.append(f"{type(exc).__name__}: {exc}")
        return ""
    except Exception as exc:  # a hostile template must never crash the worker
        errors.append(f"{type(exc).__name__}: {exc}")
        return ""
    finally:
        _budget.reset(budget)
        _missing.reset(token)


def render_step(
    *, step, candidate, job, owner, mailbox, hook: str = "", extra: dict | None = None
) -> Rendered:
    """Render one step for one candidate. Subject CR/LF is an error (no header injection)."""
    subject_src, body_src = step.templates(candidate.preferred_language)
    context = {
        "candidate": Fields("candidate", candidate_context(candidate)),
        "job": Fields("job", job_context(job)),
        "sender": Fields(
            "sender", sender_context(owner, mailbox, team=lambda: getattr(candidate, "team", None))
        ),
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
