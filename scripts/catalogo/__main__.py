"""`python -m catalogo`: the same command line as `catalogo`."""

import sys

from catalogo.cli import main

sys.exit(main())
