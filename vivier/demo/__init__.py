"""The demo: a believable talent pool to try Vivier with (``vivier demo``). No models here.

``vivier.demo.seed.demo_seed`` builds it; ``vivier.demo.data`` holds the word lists it draws from.
"""
