import sys

from catalogo.cli import main

sys.exit(main())
