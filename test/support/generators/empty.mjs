// A test generator that exits 0 without writing anything.
