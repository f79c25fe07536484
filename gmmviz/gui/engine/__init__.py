"""Long work off the GUI thread: jobs (plain generators, no Qt) and the worker thread that drives them."""
