"""Reading the stored archive back out: streamed rows of either backend, and the ``export`` command."""
