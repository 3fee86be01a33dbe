from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from practices.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    return render_markdown(text)


def _dutch_number(value: Decimal, decimals: int) -> str:
    """1234567.5 → '1.234.567,50' (Dutch: dot for thousands, comma for decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def euro(value: Decimal | float | int | None) -> str:
    """Whole euros, Dutch style: € 450.000."""
    if value is None or value == "":
        return ""
    return f"€ {_dutch_number(Decimal(value), 0)}"


@register.filter
def euro_cents(value: Decimal | float | int | None) -> str:
    """Euros with cents, Dutch style: € 2,50."""
    if value is None or value == "":
        return ""
    return f"€ {_dutch_number(Decimal(value), 2)}"


@register.filter
def number(value: Decimal | float | int | None) -> str:
    """A figure as the source gives it: no needless decimals (140, 12,5, 3.400)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    text = _dutch_number(value, decimals)
    return text.rstrip("0").rstrip(",") if decimals else text
