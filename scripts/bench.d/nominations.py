#!/usr/bin/env python3
"""Writes N nominations as CSV for `awardctl import` (Vietnamese names, Excel's UTF-8 BOM).

usage: nominations.py N UNIT [UNIT ...] > file.csv
Rows cycle through the units, Giấy khen and Bằng khen tỉnh, individuals and collectives."""
import random
import sys

n = int(sys.argv[1])
units = sys.argv[2:] or ["THCS-DH"]
rng = random.Random(20261122)
family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
given = ["An", "Bình", "Châu", "Dũng", "Đào", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Uyên", "Việt", "Yến"]
collectives = ["Tổ Toán", "Tổ Văn", "Phòng Kế toán", "Tổ Y tế", "Đội Công tác xã hội", "Tổ Tiếng Anh"]
out = sys.stdout
out.write("\ufeffkind,unit,nominee,nominee_type,year,reason\r\n")
for i in range(n):
    unit = units[i % len(units)]
    if i % 10 == 9:
        kind, name, ntype = "giay-khen", f"{rng.choice(collectives)} số {i}", "collective"
    else:
        kind = "giay-khen" if i % 4 else "bang-khen-tinh"
        name, ntype = f"{rng.choice(family)} {rng.choice(middle)} {rng.choice(given)}", "individual"
    year = 2024 + i % 2
    out.write(f'{kind},{unit},{name},{ntype},{year},"Hoàn thành xuất sắc nhiệm vụ năm {year}, ""gương mẫu"""\r\n')
