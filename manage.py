#!/usr/bin/env python
from festarchive.__main__ import main

if __name__ == "__main__":
    main()
