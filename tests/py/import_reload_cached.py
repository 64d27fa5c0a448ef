import _helper_mod
import _helper_mod as again
_helper_mod.value = 100
import _helper_mod
print(again.value, _helper_mod is again)
