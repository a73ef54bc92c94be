"""`python -m goaltrack`: the same program as `goaltrack`."""

from goaltrack.entry import main

main()
