"""``python -m kg``: the same as the ``kg`` command."""

from kg.cli import main

if __name__ == "__main__":  # not when a spawned process of a build imports this module again
    main()
