from pkg_demo.sub import where
import pkg_demo.sub as s
print(where(), s.where() == where())
import pkg_demo
print(hasattr(pkg_demo, "sub"))
