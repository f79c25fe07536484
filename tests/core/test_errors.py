from gmmviz.core.errors import GmmvizError, as_sentence


def test_a_message_shown_alone_starts_with_a_capital_and_ends_with_one_full_stop():
    assert as_sentence(GmmvizError("there is no component 3 to split: the components are 0 to 1")) == \
        "There is no component 3 to split: the components are 0 to 1."
    assert as_sentence("the file is empty.") == "The file is empty."
