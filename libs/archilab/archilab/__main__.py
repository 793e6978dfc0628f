"""``python -m archilab up``: the same as the ``archilab`` command."""

from archilab.cli import main

raise SystemExit(main())
