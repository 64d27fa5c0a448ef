cfg = {"a": {"x": 1}, "b": 2}
cfg["a"]["y"] = 2
cfg.update({"c": [1]})
cfg["c"].extend([2, 3])
print(cfg, len(cfg), sorted(cfg["a"].items()))
