"""Storage: the tables, the engine and its transactions, migrations, and every read and write of figures."""
