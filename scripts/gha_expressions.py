"""GitHub Actions expressions (`${{ … }}` and `if:`), enough of them for scripts/ci_rehearsal.py.

Follows https://docs.github.com/actions/learn-github-actions/expressions: literals, context
property access (`steps.plan.outputs.cache-hit`, `github.event['pull_request']`), `!`, comparisons
(strings compared case-insensitively, other mixed types as numbers), `&&`/`||` returning an operand,
and the functions the examples need. Anything else raises ExpressionError instead of guessing, so a
workflow using more than this fails the rehearsal loudly.
"""
import json
import re

STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")
TOKEN = re.compile(r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,])
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
)""", re.VERBOSE)


class ExpressionError(Exception):
    pass


def tokenize(text):
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read {text[position:]!r} in {text!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def to_string(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, indent=2)
    return str(value)


def truthy(value):
    return value not in (None, False, 0, "") and not (isinstance(value, float) and value != value)


def to_number(value):
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip()) if value.strip() else 0.0
        except ValueError:
            return float("nan")
    return float("nan")


def compare(left, right, operator):
    if isinstance(left, str) and isinstance(right, str):
        left, right = left.lower(), right.lower()
    elif type(left) is not type(right) or isinstance(left, bool):
        left, right = to_number(left), to_number(right)
    return {"==": left == right, "!=": left != right, "<": left < right, ">": left > right,
            "<=": left <= right, ">=": left >= right}[operator]


class Evaluator:
    """Evaluates one expression against `contexts` (name → dict) and the job's `status`."""

    def __init__(self, contexts, status="success"):
        self.contexts = contexts
        self.status = status

    def evaluate(self, text):
        self.tokens, self.index = tokenize(text), 0
        value = self.or_expression()
        if self.index != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.index][1]!r} in {text!r}")
        return value

    def peek(self):
        return self.tokens[self.index][1] if self.index < len(self.tokens) else None

    def take(self, expected=None):
        if self.index >= len(self.tokens):
            raise ExpressionError(f"unexpected end, expected {expected or 'a value'}")
        kind, value = self.tokens[self.index]
        if expected and value != expected:
            raise ExpressionError(f"expected {expected!r}, got {value!r}")
        self.index += 1
        return kind, value

    def or_expression(self):
        value = self.and_expression()
        while self.peek() == "||":
            self.take()
            right = self.and_expression()
            value = value if truthy(value) else right
        return value

    def and_expression(self):
        value = self.comparison()
        while self.peek() == "&&":
            self.take()
            right = self.comparison()
            value = right if truthy(value) else value
        return value

    def comparison(self):
        value = self.unary()
        while self.peek() in ("==", "!=", "<", ">", "<=", ">="):
            _, operator = self.take()
            value = compare(value, self.unary(), operator)
        return value

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        return self.postfix(self.primary())

    def primary(self):
        kind, token = self.take()
        if kind == "string":
            return token[1:-1].replace("''", "'")
        if kind == "number":
            return float(token)
        if token == "(":
            value = self.or_expression()
            self.take(")")
            return value
        if kind != "name":
            raise ExpressionError(f"unexpected {token!r}")
        if token in ("true", "false"):
            return token == "true"
        if token == "null":
            return None
        if self.peek() == "(":
            return self.call(token)
        if token not in self.contexts:
            raise ExpressionError(f"unknown context {token!r} (known: {', '.join(sorted(self.contexts))})")
        return self.contexts[token]

    def postfix(self, value):
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                kind, name = self.take()
                if kind != "name":
                    raise ExpressionError(f"expected a property name after '.', got {name!r}")
            else:
                name = self.or_expression()
                self.take("]")
            value = value.get(to_string(name)) if isinstance(value, dict) else None
        return value

    def call(self, name):
        self.take("(")
        arguments = []
        while self.peek() != ")":
            arguments.append(self.or_expression())
            if self.peek() == ",":
                self.take()
        self.take(")")
        if name in STATUS_FUNCTIONS:
            return {"success": self.status == "success", "failure": self.status == "failure",
                    "always": True, "cancelled": False}[name]
        if name == "format":
            return re.sub(r"\{(\d+)\}", lambda match: to_string(arguments[1 + int(match.group(1))]), arguments[0])
        if name == "contains":
            haystack, needle = arguments
            if isinstance(haystack, list):
                return any(compare(item, needle, "==") for item in haystack)
            return to_string(needle).lower() in to_string(haystack).lower()
        if name == "startsWith":
            return to_string(arguments[0]).lower().startswith(to_string(arguments[1]).lower())
        if name == "endsWith":
            return to_string(arguments[0]).lower().endswith(to_string(arguments[1]).lower())
        if name == "toJSON":
            return json.dumps(arguments[0], indent=2)
        raise ExpressionError(f"the rehearsal does not implement {name}()")


def condition(text, contexts, status):
    """An `if:` value: a bare expression (or `${{ … }}`) wrapped in success() unless it names a status."""
    if text is None:
        text = "success()"
    if isinstance(text, bool):
        return text
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not any(re.search(rf"\b{name}\s*\(", text) for name in STATUS_FUNCTIONS):
        text = f"success() && ({text})"
    return truthy(Evaluator(contexts, status).evaluate(text))


def substitute(value, contexts, status="success"):
    """Replaces every `${{ … }}` in a string (and in the strings of lists and mappings)."""
    if isinstance(value, str):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda match: to_string(Evaluator(contexts, status).evaluate(match.group(1))), value)
    if isinstance(value, list):
        return [substitute(item, contexts, status) for item in value]
    if isinstance(value, dict):
        return {key: substitute(item, contexts, status) for key, item in value.items()}
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if value is None else str(value)
