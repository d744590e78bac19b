"""Code both desktop apps (and where sensible the server) use.

Not to be confused with the ``../shared`` folder of hand-outs beside the checkout.
"""
