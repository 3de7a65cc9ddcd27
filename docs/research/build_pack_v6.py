#!/usr/bin/env python3
"""Builds Sources/AwardEngine/Resources/nd152-2025-v6.json: pack nd152-2025 version 5 plus the whole
catalogue of the Law on Emulation and Commendation 2022 (law-catalogue.json): every form and title,
with the article that defines it, who decides and how it is proposed, its conditions (each either
machine-checked from ratings, prior awards and years, or attested by the proposing officer, with
its source), its bonus coefficient and its family of commendation. Kinds the pack had keep their
codes, chains and rules and gain the same description. Run from the repository's root."""
import copy, json, os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))
v5 = json.load(open(os.path.join(root, "Sources/AwardEngine/Resources/nd152-2025-v5.json")))
catalogue = json.load(open(os.path.join(here, "law-catalogue.json")))
pack_code = {"chien-si-thi-dua-toan-quoc": "cstdtq", "chien-si-thi-dua-bo-ban-nganh-tinh": "cstd-tinh",
             "chien-si-thi-dua-co-so": "cstdcs", "lao-dong-tien-tien": "ldtt", "bang-khen-thu-tuong-chinh-phu": "bang-khen-ttg",
             "bang-khen-bo-ban-nganh-tinh": "bang-khen-tinh"}
family = {None: "annual", "regular": "annual", "ad_hoc": "adhoc", "dedication": "long_service", "seniority": "seniority",
          "foreign": "foreign", "resistance": "resistance"}
kinds = {k["code"]: k for k in v5["kinds"]}
chains = {"state": kinds["bang-khen-ttg"]["chain"], "province": kinds["bang-khen-tinh"]["chain"], "commune": kinds["giay-khen"]["chain"]}

def decider(text):
    if text.startswith("Chủ tịch nước"): return "president", "state"
    if text.startswith("Thủ tướng"): return "prime_minister", "state"
    if text.startswith("Chính phủ"): return "government", "state"
    if text.startswith("Ủy ban Thường vụ Quốc hội"): return "national_assembly_standing_committee", "state"
    if text.startswith(("Bộ trưởng", "Chủ tịch UBND cấp tỉnh", "Thủ trưởng quân khu", "Thủ trưởng cấp quân khu", "Theo quy định", "Thẩm quyền")):
        return "minister_or_province", "province"
    return "unit_head_or_commune", "commune"

# Machine-checked conditions the law states in terms the engine records (ratings, prior awards, years).
machine = {
    "huan-chuong-lao-dong-hang-ba": [{
        "rule": "prior_award_then_ratings", "kinds": ["bang-khen-ttg"], "years": 5, "min_rating": "HTTNV", "applies_to": ["individual"],
        "source": "Luật Thi đua, khen thưởng 2022, Điều 44 (cá nhân đã được tặng Bằng khen của Thủ tướng Chính phủ, 05 năm tiếp theo trở lên hoàn thành tốt nhiệm vụ; nguyên văn chưa đối chiếu: docs/research/law-catalogue-notes.md)"}],
}

out = copy.deepcopy(v5)
out["version"] = 6
out["source"] = v5["source"] + " Danh mục đầy đủ các hình thức khen thưởng và danh hiệu thi đua của Luật Thi đua, khen thưởng 2022 (docs/research/law-catalogue.json)."
new_kinds = []
for entry in catalogue:
    code = pack_code.get(entry["code"], entry["code"])
    decided_by, chain = decider(entry["decided_by"])
    kind = copy.deepcopy(kinds[code]) if code in kinds else {
        "code": code, "name_vi": entry["name_vi"], "name_en": entry["name_en"],
        "category": "title" if entry["category"] == "emulation_title" else "commendation",
        "nominee_types": entry["nominee_types"], "chain": copy.deepcopy(chains[chain])}
    if code not in kinds and entry["bonus_coefficient"] is not None:
        kind["coefficient"] = entry["bonus_coefficient"]
    if code not in kinds and entry["category"] in ("order", "honorary_title"):
        kind["collective_multiplier"] = 2
    if code in machine:
        kind["prerequisites"] = machine[code]
    conditions = [{"text": p.get("source", p["rule"]), "check": "machine", "rule": p["rule"], "source": p.get("source", "")}
                  for p in kind.get("prerequisites", [])]
    conditions.append({"text": entry["conditions_summary_vi"], "check": "attested",
                       "source": "Luật Thi đua, khen thưởng 2022, " + entry["conditions_in"]})
    kind["catalogue"] = {
        "group": entry["category"], "article": entry["defined_in"], "decided_by": decided_by, "decided_by_vi": entry["decided_by"],
        "proposed_through_vi": entry["proposed_through"], "family": family[entry["family"]],
        "coefficient_source": entry["bonus_source"] or "Không có tiền thưởng theo hệ số (hiện vật hoặc theo quy định riêng)", "conditions": conditions, "verified": entry["verified"]}
    kinds[code] = kind
    new_kinds.append(code)
# Thư khen (Điều 76 of the law) keeps its own description.
kinds["thu-khen"]["catalogue"] = {
    "group": "letter", "article": "Luật Thi đua, khen thưởng 2022, Điều 76", "decided_by": "minister_or_province",
    "decided_by_vi": "Chủ tịch nước, Thủ tướng, Bộ trưởng, Chủ tịch UBND cấp tỉnh (Luật Điều 76)", "proposed_through_vi": "Cơ quan, đơn vị đề nghị",
    "family": "adhoc", "coefficient_source": "", "verified": False,
    "conditions": [{"text": "Tặng tập thể, cá nhân có thành tích; không kèm tiền thưởng.", "check": "attested", "source": "Luật Thi đua, khen thưởng 2022, Điều 76"}]}
out["kinds"] = [kinds[k["code"]] for k in v5["kinds"]] + [kinds[c] for c in new_kinds if c not in {k["code"] for k in v5["kinds"]}]
# At the central tier a kind the President decides passes the Government: the Prime Minister
# considers it and submits it to the President (Luật Điều 83 khoản 2).
central = out["steps"]["central"]
central.insert(len(central) - 1, {"code": "government", "name_vi": "Thủ tướng Chính phủ xem xét, trình Chủ tịch nước",
                                  "name_en": "Prime Minister submits to the President", "who_vi": "Văn phòng Chính phủ",
                                  "only_decided_by": ["president"]})
central[-1] = dict(central[-1], name_vi="Quyết định (Thủ tướng Chính phủ, Chính phủ hoặc Chủ tịch nước)",
                   who_vi="Người có thẩm quyền theo hình thức khen thưởng (Văn phòng Chủ tịch nước với các hình thức do Chủ tịch nước quyết định)")
path = os.path.join(root, "Sources/AwardEngine/Resources/nd152-2025-v6.json")
with open(path, "w") as fh:
    json.dump(out, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print("wrote", path, len(out["kinds"]), "kinds")
