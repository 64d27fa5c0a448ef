import gc
keep = []
for i in range(200):
    tmp = [str(j) for j in range(50)]
    if i % 20 == 0:
        keep.append(tmp)
print(len(keep), keep[3][49], sum(len(k) for k in keep))
gc.collect()
print(keep[-1][:3])
