"""The archive's A–Z index orders titles as readers of each language expect."""

from pirsote.core.archive.az import initial, sort_key

TITLES = ["Öljyn hinta", "Ähtärin asema", "Zeta", "Ålandin malli", "auto", "Élite", "Oulu"]


def test_finnish_puts_a_with_ring_a_and_o_with_dots_after_z_as_letters_of_their_own():
    ordered = sorted(TITLES, key=lambda title: sort_key(title, "fi"))
    assert ordered == [
        "auto", "Élite", "Oulu", "Zeta", "Ålandin malli", "Ähtärin asema", "Öljyn hinta",
    ]  # fmt: skip
    assert [initial(title, "fi") for title in ordered] == ["A", "E", "O", "Z", "Å", "Ä", "Ö"]


def test_english_reads_them_as_a_and_o():
    ordered = sorted(TITLES, key=lambda title: sort_key(title, "en"))
    assert ordered == [
        "Ähtärin asema", "Ålandin malli", "auto", "Élite", "Öljyn hinta", "Oulu", "Zeta",
    ]  # fmt: skip
    assert {initial(title, "en") for title in ordered} == {"A", "E", "O", "Z"}


def test_a_title_without_a_letter_first_is_under_the_hash():
    assert initial("2021 tulokset") == "#"
    assert initial("  ") == "#"
