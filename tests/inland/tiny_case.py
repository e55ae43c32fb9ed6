"""A tiny intermodal case solved by hand in test_hand_solved.py: two inland ports with one train
a day each, one ship a week between Qingdao and Busan."""

TINY = """
[service]
code = "TNY"
name = "Tiny intermodal"
rotation = ["CNTAO", "KRPUS"]
frequency_days = 7
port_stay_h = 24
start = 2024-01-01T00:00:00Z       # a Monday: the ship leaves Qingdao Tuesday 00:00 UTC

[fleet]
vessel_class = "A13"
ships = 1

[economics]
bunker_usd_per_t = 600
fuel = "HFO"

[routing]
options = ["cape"]

[ports.CNTAO]
handling_usd_per_ffe = 124
[ports.KRPUS]
handling_usd_per_ffe = 77

[[demand]]
origin = "CNTNA"
destination = "KRPUS"
teu_per_week = 100
revenue_usd_per_teu = 1000
max_transit_days = 5

[[demand]]
origin = "CNWEF"
destination = "KRPUS"
teu_per_week = 50
revenue_usd_per_teu = 1000
max_transit_days = 5

[inland.ports.CNTNA]
name = "A"
lat_deg = 36.665
lon_deg = 116.998

[inland.ports.CNWEF]
name = "B"
lat_deg = 36.720
lon_deg = 119.137

[inland.transfers.CNTAO]
transfer_h = 6
vessel_cutoff_h = 24

[inland.road]
enabled = false
cost_usd_per_teu_km = 0.5
co2_kg_per_teu_km = 0.75
rail_co2_kg_per_teu_km = 0.24

[[inland.rail_links]]
inland_port = "CNTNA"
sea_port = "CNTAO"
distance_km = 400
running_h = 10
cost_usd_per_teu = 100

[[inland.rail_links]]
inland_port = "CNWEF"
sea_port = "CNTAO"
distance_km = 200
running_h = 4
cost_usd_per_teu = 50

[[inland.trains]]
name = "A"
inland_port = "CNTNA"
sea_port = "CNTAO"
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
departure = "12:00"
wagons = 30
teu_per_train = 60
max_t_per_train = 1000

[[inland.trains]]
name = "B"
inland_port = "CNWEF"
sea_port = "CNTAO"
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
departure = "08:00"
wagons = 20
teu_per_train = 40
max_t_per_train = 1000
"""
