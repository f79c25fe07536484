from gmmviz.core.errors import GmmvizError, GmmvizWarning, as_sentence


def test_a_message_shown_alone_starts_with_a_capital_and_ends_with_one_full_stop():
    assert as_sentence(GmmvizError("there is no component 3 to split: the components are 0 to 1")) == \
        "There is no component 3 to split: the components are 0 to 1."
    assert as_sentence("the file is empty.") == "The file is empty."


def test_a_line_break_quoted_in_a_message_is_shown_escaped_so_the_message_stays_one_line():
    message = str(GmmvizError("/tmp/new\nfolder/a.csv: does not exist; check the path"))
    assert message == "/tmp/new\\nfolder/a.csv: does not exist; check the path"
    assert len(str(GmmvizWarning("x\r\ny\u2028z")).splitlines()) == 1
