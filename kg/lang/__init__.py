"""Language data: lexicons by language (only Korean, ``kg.lang.ko``)."""
