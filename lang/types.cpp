#include "lang/types.hpp"

#include <algorithm>

namespace sop {

// The bytes that identify a type: its kind, ref, elem and members.
static std::string key_of(const TypeInfo& t) {
  std::string key;
  auto put = [&](uint32_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<uint32_t>(t.kind));
  put(t.ref);
  put(t.elem);
  for (TypeId m : t.members) put(m);
  return key;
}

TypeTable::TypeTable() {
  // The order matches the fixed ids of the accessors in types.hpp.
  for (TypeKind k : {TypeKind::error, TypeKind::null, TypeKind::bool_, TypeKind::int_,
                     TypeKind::string, TypeKind::date, TypeKind::datetime, TypeKind::duration,
                     TypeKind::citation, TypeKind::document, TypeKind::calendar}) {
    types_.push_back(TypeInfo{k, 0, 0, {}});
    ids_.emplace(key_of(types_.back()), static_cast<TypeId>(types_.size() - 1));
  }
}

TypeId TypeTable::intern(const TypeInfo& info) {
  auto [it, fresh] = ids_.emplace(key_of(info), static_cast<TypeId>(types_.size()));
  if (fresh) types_.push_back(info);
  return it->second;
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
