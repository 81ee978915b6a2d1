"""@oparl-sync on a Region: run the OParl import (POST) and read the reports of the last runs (GET)."""
