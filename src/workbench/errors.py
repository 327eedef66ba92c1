"""The one exception type that means "the user's input is wrong".

The CLI turns an :class:`InputError` into a single line on stderr and exit status 2, with no
traceback. Raise it with a message that names the parameter, file, column or rows at fault and
says what was expected.
"""


class InputError(ValueError):
    """Bad user input (a parameter, a file, a column or rows); the message says which and why."""
