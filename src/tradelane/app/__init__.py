"""The use cases every face calls: plan a case, publish a window, place the berth week.

The CLI, the API and the dashboard parse their input, call one use case and render its answer,
so the same question gets the same answer from every face. Use cases raise InputError naming
their request's fields (``speed_kn``, ``week``); each face renders those in its own words.
"""
