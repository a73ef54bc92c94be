from goaltrack.entry import main

main()
