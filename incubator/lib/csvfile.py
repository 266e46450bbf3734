"""Reading the CSV files people export from spreadsheets, and writing ones they can open safely.

Reading: French Excel writes ``;`` between fields and often Windows-1252 instead of UTF-8;
other tools write ``,`` and UTF-8, sometimes with a byte-order mark. ``decode`` and
``sniff_delimiter`` accept all of these.

Writing: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheets (CSV injection, OWASP). ``safe_cell`` prefixes such text with an
apostrophe; numbers we computed ourselves are written as numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252.

    >>> decode("\\ufeffnom;prénom".encode())
    'nom;prénom'
    >>> decode("prénom".encode("cp1252"))
    'prénom'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``;`` or ``,``, whichever the header line uses more (a tab for tab-separated files).

    >>> sniff_delimiter("first_name;last_name\\nA;B")
    ';'
    >>> sniff_delimiter("first_name,last_name")
    ','
    """
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def numbered_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and ``(spreadsheet row number, cells)`` for each non-blank data row.

    The header is row 1, as a spreadsheet shows it. A quoted field spanning lines keeps the
    number of the row it starts on.

    >>> numbered_rows("a,b\\n1,2\\n\\n3,4\\n")
    (['a', 'b'], [(2, ['1', '2']), (4, ['3', '4'])])
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    record = 0
    for cells in reader:
        record += 1
        if record == 1:
            header = [cell.strip().lower() for cell in cells]
            continue
        if any(cell.strip() for cell in cells):
            rows.append((record, [cell.strip() for cell in cells]))
    return header, rows


def safe_cell(value: object) -> object:
    """A value ready for a CSV cell that a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> from decimal import Decimal
    >>> safe_cell(Decimal("-3.5"))
    Decimal('-3.5')
    >>> safe_cell("Amina")
    'Amina'
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write(rows: Iterable[Sequence[object]], *, delimiter: str = ";") -> str:
    """CSV text with every text cell made safe (``;`` by default: French spreadsheets).

    >>> from decimal import Decimal
    >>> write([["a", "=1+1"], [1, Decimal("2.50")]])
    "a;'=1+1\\r\\n1;2.50\\r\\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
