"""progress(): a bar for people at a terminal, silence everywhere else."""

from __future__ import annotations

import io

from analyzer.render.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_pipe_items_pass_through_and_nothing_is_written():
    stream = io.StringIO()
    assert list(progress(iter(range(5)), "Grading", stream=stream)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""


def test_on_a_terminal_a_bar_is_drawn_with_the_label_and_items_are_unchanged():
    stream = Terminal()
    assert list(progress(["missouri", "kansas"], "Grading jurisdictions", stream=stream)) == ["missouri", "kansas"]
    assert "Grading jurisdictions" in stream.getvalue()


def test_a_closed_stream_counts_as_no_terminal():
    stream = io.StringIO()
    stream.close()
    assert list(progress([1, 2], "x", stream=stream)) == [1, 2]


def test_stopping_early_does_not_consume_the_rest():
    seen = []

    def items():
        for i in range(10):
            seen.append(i)
            yield i

    for item in progress(items(), "x", stream=Terminal()):
        if item == 2:
            break
    assert seen == [0, 1, 2]


def test_a_single_item_draws_no_bar_even_on_a_terminal():
    stream = Terminal()
    assert list(progress(["sb-775.yaml"], "Reading amendments", stream=stream)) == ["sb-775.yaml"]
    assert stream.getvalue() == ""
