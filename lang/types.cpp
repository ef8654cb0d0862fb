#include "lang/types.hpp"

#include <algorithm>

namespace sop {

static bool same(const TypeInfo& a, const TypeInfo& b) {
  return a.kind == b.kind && a.ref == b.ref && a.elem == b.elem && a.members == b.members;
}

TypeTable::TypeTable() {
  // The order matches the fixed ids of the accessors in types.hpp.
  for (TypeKind k : {TypeKind::error, TypeKind::null, TypeKind::bool_, TypeKind::int_,
                     TypeKind::string, TypeKind::date, TypeKind::datetime, TypeKind::duration,
                     TypeKind::citation, TypeKind::document, TypeKind::calendar}) {
    types_.push_back(TypeInfo{k, 0, 0, {}});
  }
}

TypeId TypeTable::intern(const TypeInfo& info) {
  // Linear search: programs have a few hundred types at most, and interning happens at check
  // time only.
  for (size_t i = 0; i < types_.size(); ++i) {
    if (same(types_[i], info)) return static_cast<TypeId>(i);
  }
  types_.push_back(info);
  return static_cast<TypeId>(types_.size() - 1);
}

TypeId TypeTable::enum_(uint32_t index) {
  return intern({TypeKind::enum_, index, 0, {}});
}
TypeId TypeTable::record(uint32_t index) {
  return intern({TypeKind::record, index, 0, {}});
}
TypeId TypeTable::list(TypeId elem) {
  return intern({TypeKind::list, 0, elem, {}});
}
TypeId TypeTable::set(TypeId elem) {
  return intern({TypeKind::set, 0, elem, {}});
}

TypeId TypeTable::optional(TypeId t) {
  if (t == null() || t == error() || kind(t) == TypeKind::optional) return t;
  return intern({TypeKind::optional, 0, t, {}});
}

TypeId TypeTable::union_(std::vector<TypeId> members) {
  std::vector<TypeId> flat;
  bool nullable = false;
  for (TypeId m : members) {
    if (m == error()) return error();
    if (m == null()) {
      nullable = true;
      continue;
    }
    if (kind(m) == TypeKind::optional) {
      nullable = true;
      m = info(m).elem;
    }
    if (kind(m) == TypeKind::union_) {
      for (TypeId x : info(m).members) flat.push_back(x);
    } else {
      flat.push_back(m);
    }
  }
  std::sort(flat.begin(), flat.end());
  flat.erase(std::unique(flat.begin(), flat.end()), flat.end());
  TypeId t;
  if (flat.empty()) return null();
  if (flat.size() == 1) {
    t = flat[0];
  } else {
    t = intern({TypeKind::union_, 0, 0, flat});
  }
  return nullable ? optional(t) : t;
}

TypeId TypeTable::strip_optional(TypeId t) const {
  return kind(t) == TypeKind::optional ? info(t).elem : t;
}

bool TypeTable::assignable(TypeId from, TypeId to) const {
  if (from == to || from == error() || to == error()) return true;
  const TypeInfo& f = info(from);
  const TypeInfo& t = info(to);
  if (t.kind == TypeKind::optional) {
    if (from == null()) return true;
    return assignable(strip_optional(from), t.elem);
  }
  if (f.kind == TypeKind::optional || from == null()) return false;
  if (t.kind == TypeKind::union_) {
    if (f.kind == TypeKind::union_) {
      for (TypeId m : f.members)
        if (!assignable(m, to)) return false;
      return true;
    }
    for (TypeId m : t.members)
      if (assignable(from, m)) return true;
    return false;
  }
  // A citation is written as a string.
  if (t.kind == TypeKind::citation && f.kind == TypeKind::string) return true;
  if (f.kind == TypeKind::list && t.kind == TypeKind::list) return assignable(f.elem, t.elem);
  if (f.kind == TypeKind::set && t.kind == TypeKind::set) return assignable(f.elem, t.elem);
  return false;
}

}  // namespace sop
