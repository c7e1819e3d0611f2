"""The command line. Exit codes: 0 done; 1 a named file (ruleset, save, output) is missing, unreadable,
invalid or cannot be written; 2 the command line itself is wrong (usage is printed); 130 interrupted."""


class UsageError(Exception):
    """A wrong or contradictory argument found after parsing: main() prints usage and returns 2."""
