"""Reading spreadsheet CSVs (BOM, Windows-1252, ';' or ',') and writing formula-safe ones."""

import pytest

from incubator.lib import csvfile


def test_utf8_with_a_byte_order_mark_and_semicolons_reads_like_plain_csv():
    data = "\ufefffirst_name;last_name\r\nAïssata;Koné\r\n".encode()
    header, rows = csvfile.numbered_rows(csvfile.decode(data))
    assert header == ["first_name", "last_name"]
    assert rows == [(2, ["Aïssata", "Koné"])]


def test_a_windows_1252_file_from_french_excel_is_decoded():
    data = "first_name;last_name\r\nHélène;Müller\r\n".encode("cp1252")
    assert csvfile.numbered_rows(csvfile.decode(data))[1] == [(2, ["Hélène", "Müller"])]


def test_row_numbers_are_the_spreadsheet_rows_even_across_blank_and_multiline_rows():
    text = 'a,b\n1,"two\nlines"\n\n3,4\n'
    assert csvfile.numbered_rows(text)[1] == [(2, ["1", "two\nlines"]), (4, ["3", "4"])]


@pytest.mark.parametrize("value", ["=1+1", "+33 6 12", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(value):
    assert csvfile.safe_cell(value) == "'" + value


def test_numbers_we_computed_stay_numbers():
    assert csvfile.write([[-3, "ok"]]) == "-3;ok\r\n"
