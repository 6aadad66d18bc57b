"""Loading a whole project, with every problem found in one pass, on every core."""
