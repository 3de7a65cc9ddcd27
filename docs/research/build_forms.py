#!/usr/bin/env python3
"""Builds Sources/AwardDocuments/Resources/statistics-forms.json, the statistics forms as data, from
forms-tt02-2023.json (the layout as researched: row codes, labels, column heads) and the law
catalogue (which award kinds each column counts). Each row and column says which facts it counts
with `where`: a map from a dimension to the values it accepts (all must match). A column with
`expand: "kind"` is written as one column per award kind found ("Mỗi hình thức khen thưởng ghi
riêng một cột"). Run from the repository's root; the output is committed."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
research = json.load(open(os.path.join(here, "forms-tt02-2023.json")))
catalogue = json.load(open(os.path.join(here, "law-catalogue.json")))
# The rule packs' codes for the kinds they already had; the catalogue's codes for the rest.
pack_code = {"chien-si-thi-dua-toan-quoc": "cstdtq", "chien-si-thi-dua-bo-ban-nganh-tinh": "cstd-tinh",
             "chien-si-thi-dua-co-so": "cstdcs", "lao-dong-tien-tien": "ldtt", "bang-khen-thu-tuong-chinh-phu": "bang-khen-ttg",
             "bang-khen-bo-ban-nganh-tinh": "bang-khen-tinh"}
def codes(category=None, names=()):
    out = [pack_code.get(e["code"], e["code"]) for e in catalogue if (category and e["category"] == category) or e["code"] in names]
    return out

orders_medals = codes("order") + codes("medal")
honorary = codes("honorary_title")
state_kinds = orders_medals + honorary + ["giai-thuong-ho-chi-minh", "giai-thuong-nha-nuoc", "co-thi-dua-cua-chinh-phu", "bang-khen-ttg", "cstdtq"]
province_kinds = ["bang-khen-tinh", "cstd-tinh", "co-thi-dua-bo-ban-nganh-tinh", "ky-niem-chuong"]

# What each row code counts, by form family.
award_rows_0602 = {"01": {}, "02": {"proposer": ["ministry"]}, "03": {"proposer": ["province"]},
                   "06": {"nominee_type": ["collective"]}, "07": {"nominee_type": ["collective"], "enterprise": ["yes"]},
                   "08": {"nominee_type": ["household"]}, "09": {"nominee_type": ["individual"]},
                   "10": {"position_class": ["senior_leader"]}, "11": {"position_class": ["department_leader"]},
                   "12": {"position_class": ["business_manager"]}, "13": {"position_class": ["other_leader"]},
                   "14": {"position_class": ["worker"]},
                   "15": {"commendation_type": ["annual"]}, "16": {"commendation_type": ["thematic"]}, "17": {"commendation_type": ["adhoc"]},
                   "18": {"commendation_type": ["foreign"]}, "19": {"commendation_type": ["long_service"]},
                   "20": {"commendation_type": ["seniority"]}, "21": {"commendation_type": ["resistance"]}}
award_rows_0603 = {"01": {}, "02": {"nominee_type": ["collective"]}, "03": {"nominee_type": ["collective"], "enterprise": ["yes"]},
                   "04": {"nominee_type": ["household"]}, "05": {"nominee_type": ["individual"]},
                   "06": {"position_class": ["senior_leader"]}, "07": {"position_class": ["department_leader"]},
                   "08": {"position_class": ["business_manager"]}, "09": {"position_class": ["other_leader"]},
                   "10": {"position_class": ["worker"]},
                   "11": {"commendation_type": ["annual"]}, "12": {"commendation_type": ["thematic"]}, "13": {"commendation_type": ["adhoc"]},
                   "14": {"commendation_type": ["foreign"]}, "15": {"commendation_type": ["long_service"]},
                   "16": {"commendation_type": ["seniority"]}, "17": {"commendation_type": ["resistance"]}}
campaign_rows_0601 = {"01": {}, "02": {"scope": ["national"]}, "03": {"scope": ["ministry_province"]}, "04": {"scope": ["cluster"]},
                      "05": {"scope": ["agency"]}, "06": {"duration": ["under_1_year"]}, "07": {"duration": ["1_year"]},
                      "08": {"duration": ["1_to_3_years"]}, "09": {"duration": ["3_to_5_years"]}, "10": {"duration": ["5_years_or_more"]},
                      "11": {"method": ["thematic"]}, "12": {"method": ["regular"]}}
campaign_rows_0701 = {"01": {}, "02": {"scope": ["national"]}, "03": {"scope": ["ministry_province", "cluster", "agency"]},
                      "06": {"duration": ["under_1_year"]}, "07": {"duration": ["1_year"]}, "08": {"duration": ["1_to_3_years"]},
                      "09": {"duration": ["3_to_5_years", "5_years_or_more"]}, "10": {"method": ["thematic"]}, "11": {"method": ["regular"]}}
body_rows_0604 = {"01": {}, "02": {"structure": ["ministry_department"]}, "03": {"structure": ["department_division"]},
                  "04": {"structure": ["home_affairs_board"]}, "05": {"structure": ["home_affairs_division"]}}
staff_rows_0605 = {"01": {}, "02": {"age": ["30_or_under"]}, "03": {"age": ["31_40"]}, "04": {"age": ["41_50"]}, "05": {"age": ["51_55"]},
                   "06": {"age": ["56_60"]}, "07": {"age": ["over_60"]}, "08": {"education": ["elementary"]},
                   "09": {"education": ["intermediate"]}, "10": {"education": ["college"]}, "11": {"education": ["university"]},
                   "12": {"education": ["postgraduate"]}, "13": {"experience": ["under_5"]}, "14": {"experience": ["5_to_10"]},
                   "15": {"experience": ["10_or_more"]}}

def award_columns_state():
    return [{"code": "1", "label": "Tổng số", "where": {}},
            {"code": "2", "group": "Chia ra", "label": "Các loại huân chương, huy chương", "where": {"kind": orders_medals}, "expand": "kind"},
            {"code": "3", "group": "Chia ra", "label": "Giải thưởng Hồ Chí Minh", "where": {"kind": ["giai-thuong-ho-chi-minh"]}},
            {"code": "4", "group": "Chia ra", "label": "Giải thưởng Nhà nước", "where": {"kind": ["giai-thuong-nha-nuoc"]}},
            {"code": "5", "group": "Chia ra", "label": "Danh hiệu vinh dự nhà nước", "where": {"kind": honorary}, "expand": "kind"},
            {"code": "6", "group": "Chia ra", "label": "Cờ thi đua của Chính phủ", "where": {"kind": ["co-thi-dua-cua-chinh-phu"]}},
            {"code": "7", "group": "Chia ra", "label": "Bằng khen của Thủ tướng Chính phủ", "where": {"kind": ["bang-khen-ttg"]}},
            {"code": "8", "group": "Chia ra", "label": "Danh hiệu “Chiến sĩ thi đua toàn quốc”", "where": {"kind": ["cstdtq"]}},
            {"code": "9", "group": "Chia ra", "label": "Các hình thức khen thưởng khác", "where": {"kind": []}, "expand": "kind"}]

def award_columns_province():
    return [{"code": "1", "label": "Tổng số", "where": {}},
            {"code": "2", "group": "Chia ra", "label": "Bằng khen", "where": {"kind": ["bang-khen-tinh"]}},
            {"code": "3", "group": "Chia ra", "label": "Chiến sĩ thi đua cấp bộ, cấp tỉnh", "where": {"kind": ["cstd-tinh"]}},
            {"code": "4", "group": "Chia ra", "label": "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
             "where": {"kind": ["co-thi-dua-bo-ban-nganh-tinh"]}},
            {"code": "5", "group": "Chia ra", "label": "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
             "where": {"kind": ["ky-niem-chuong"]}}]

def rows(form, where, units=True):
    out = []
    for r in form["rows"]:
        row = {"code": r["code"], "label": r["label"], "level": r.get("level", 0)}
        if units and r.get("unit"):
            row["unit"] = r["unit"]
        if r["code"] is not None:
            row["where"] = where[r["code"]]
        out.append(row)
    return out

def by_code(forms, code):
    return next(f for f in forms if f["code"] == code)

signature = ["Người lập biểu", "(Ký, họ tên)", "Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)"]
tt02, tt03 = research["forms"], research["tt03_2018"]["forms"]
def form(src, counts, where, columns, kinds=None, due=True, units=True):
    out = {"code": src["code"], "symbol": src["symbol"], "title": src["title"], "counts": counts,
           "unit": src["unit"] if not units else "", "rows": rows(src, where, units), "columns": columns, "signature": signature}
    if not units or counts in ("campaigns", "staff", "bodies"):
        out["unit"] = {"campaigns": "Đơn vị tính: Phong trào", "staff": "Đơn vị tính: Người", "bodies": "Đơn vị tính: Tổ chức"}.get(counts, src["unit"])
    out["has_unit_column"] = units and counts in ("awards", "bodies")
    if kinds is not None:
        out["kinds"] = kinds
    if due:
        out["due"] = "Ngày 15 tháng 12 năm báo cáo"
    return out

campaign_columns_0601 = [{"code": "1", "label": "Tổng số", "where": {}},
                         {"code": "2", "group": "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
                          "label": "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", "where": {"launcher": ["central"]}},
                         {"code": "3", "group": "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
                          "label": "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương", "where": {"launcher": ["ministry_province"]}},
                         {"code": "4", "group": "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
                          "label": "Cơ quan, tổ chức, đơn vị", "where": {"launcher": ["agency"]}}]
bodies_0604 = by_code(tt02, "0604")
body_rows = rows(bodies_0604, body_rows_0604)
data = {
    "note": __doc__,
    "circulars": [
        {"name": "Thông tư 02/2023/TT-BNV", "issued": "ngày 23/3/2023", "from_period": 2023,
         "source": "Layout as transcribed by lifephongphanmem/thiduakhenthuong_php8 (resources/views/BaoCao/TT022023/Mau0601–0605); the circular's own annex was not reachable here: see docs/research/forms-tt02-2023.json",
         "forms": [
             form(by_code(tt02, "0601"), "campaigns", campaign_rows_0601, campaign_columns_0601, units=False),
             form(by_code(tt02, "0602"), "awards", award_rows_0602, award_columns_state(), kinds=state_kinds),
             form(by_code(tt02, "0603"), "awards", award_rows_0603, award_columns_province(), kinds=province_kinds),
             {**form(bodies_0604, "bodies", body_rows_0604, [{"code": "1", "label": "Số lượng", "where": {}}], due=False)},
             form(by_code(tt02, "0605"), "staff", staff_rows_0605,
                  [{"code": "1", "group": "Số lượng (Người)", "label": "Tổng số", "where": {}},
                   {"code": "2", "group": "Số lượng (Người)", "label": "Trong đó: Nữ", "where": {"sex": ["female"]}}], due=False, units=False),
         ]},
        {"name": "Thông tư 03/2018/TT-BNV", "issued": "ngày 06/3/2018", "from_period": 2018, "to_period": 2022,
         "source": "Layout as transcribed by lifephongphanmem/thiduakhenthuong_php8 (resources/views/BaoCao/TongHop/Mau0701TT03–Mau0703TT03); the circular's own annex was not reachable here",
         "forms": [
             form(by_code(tt03, "0701"), "campaigns", campaign_rows_0701, campaign_columns_0601[:3], due=False, units=False),
             form(by_code(tt03, "0702"), "awards", award_rows_0602, award_columns_state(), kinds=state_kinds, due=False),
             form(by_code(tt03, "0703"), "awards", award_rows_0603, award_columns_province(), kinds=province_kinds, due=False),
         ]},
    ],
}
# The last column of 0602 counts every state-level kind no other column names.
for circular in data["circulars"]:
    for f in circular["forms"]:
        named = set(k for c in f["columns"] for k in c["where"].get("kind", []))
        for c in f["columns"]:
            if c["code"] == "9" and f["counts"] == "awards":
                c["where"]["kind"] = [k for k in f.get("kinds", []) if k not in named]
out = os.path.join(here, "..", "..", "Sources", "AwardDocuments", "Resources", "statistics-forms.json")
with open(out, "w") as fh:
    json.dump(data, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print("wrote", os.path.normpath(out))
