# -*- coding: utf-8 -*-
import json, unicodedata

L = "Luật Thi đua, khen thưởng 2022"
WS = "https://vi.wikisource.org/wiki/Trang:Cong_bao_Chinh_phu_571_572_nam_2022.pdf/"
U = {
 "dieu19_20": "http://tintuc.thuvienphapluat.com/thoi-su-phap-luat/chinh-sach-moi/57739/cac-danh-hieu-thi-dua-khen-thuong-theo-luat-moi-nhat",
 "dieu21_78": "http://118.69.201.250:801/phap-luat/quyet-dinh-tang-danh-hieu-chien-si-thi-dua-toan-quoc-thuoc-tham-quyen-cua-ai-mo-ta-mau-huy-hieu-cua-685592-170792.html",
 "dieu22": "https://baoyenbai.com.vn/13/342479/Tieu-chuan-danh-hieu-Chien-si-thi-dua-co-so-Lao-dong-tien-tien-Chien-si-tien-tien.aspx",
 "dieu23": "https://news.laodong.vn/giao-duc/du-kien-giao-vien-phai-co-sang-kien-moi-duoc-danh-hieu-chien-si-thi-dua-co-so-1629499.ldo",
 "dieu24_28": "http://skhcn.kontum.gov.vn/tuyen-truyen-pho-bien-phap-luat/luat-thi-dua-khen-thuong-so-062022qh15.html",
 "dieu24": "https://viendaotaogiaoduc.edu.vn/tieu-chuan-chien-si-thi-dua-cac-cap-tu-01-01-2024",
 "dieu25": "https://lawnet.vn/en/laws/tap-the-phai-dat-duoc-nhung-tieu-chuan-dieu-kien-nao-de-duoc-xet-tang-danh-hieu-co-thi-dua-cac-cap-22767.html",
 "dieu26": "http://hethongphapluat.vn/thong-tu-29-2023-tt-bgddt-huong-dan-luat-thi-dua-khen-thuong-doi-voi-nganh-giao-duc-do-bo-truong-bo-giao-duc-va-dao-tao-ban-hanh/dieu-4",
 "dieu29_30": "https://thuviennhadat.vn/phap-luat-doi-song/danh-hieu-xa-phuong-thi-tran-tieu-bieu-quy-dinh-the-nao-576537.html",
 "dieu30_31": "https://lawnet.vn/ngan-hang-phap-luat/tu-van-phap-luat/bo-may-hanh-chinh/danh-hieu-thon-to-dan-pho-van-hoa-theo-quy-dinh-moi-nhat-369139",
 "dieu33_54": "http://tintuc.thuvienphapluat.com/thoi-su-phap-luat/chinh-sach-moi/54716/cac-loai-huan-chuong-huy-chuong-theo-luat-thi-dua-khen-thuong-2022",
 "dieu34": "https://thuvienphapluat.vn/phap-luat/huan-chuong-sao-vang-co-phai-la-huan-chuong-cao-quy-nhat-cua-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-na-142215.html",
 "dieu35": "https://bantdkt.thaibinh.gov.vn/huan-chuong/%E2%80%9Chuan-chuong-ho-chi-minh%E2%80%9D-3140.html",
 "dieu36": "https://thuvienphapluat.vn/hoi-dap-phap-luat/839CD3C-hd-tieu-chuan-de-duoc-nhan-huan-chuong-doc-lap-hang-nhat-la-gi-huan-chuong-doc-lap-hang-nhat-duoc-nhan.html",
 "dieu44": "https://thuvienphapluat.vn/phap-luat/dieu-kien-de-cong-nhan-nong-dan-duoc-tang-huan-chuong-lao-dong-hang-ba-mau-huan-chuong-lao-dong-han-213764-178092.html",
 "nd98_d1": "https://hethongphapluat.com/decree-no-98-2023-nd-cp-dated-december-31-2023-on-elaboration-on-the-law-on-emulation-and-commendation.html",
 "ws37": WS + "37", "ws40": WS + "40", "ws48": WS + "48", "ws56": WS + "56", "ws8": WS + "8",
 "ws_ch8": "https://vi.wikisource.org/wiki/Lu%E1%BA%ADt_Thi_%C4%91ua,_khen_th%C6%B0%E1%BB%9Fng_n%C6%B0%E1%BB%9Bc_C%E1%BB%99ng_h%C3%B2a_x%C3%A3_h%E1%BB%99i_ch%E1%BB%A7_ngh%C4%A9a_Vi%E1%BB%87t_Nam_2022/Ch%C6%B0%C6%A1ng_VIII",
 "dieu61_62": "https://hoidap.thuvienphapluat.vn/hoi-dap/5A2AF-hd-danh-hieu-%E2%80%9Cba-me-viet-nam-anh-hung%E2%80%9D-trong-luat-thi-dua-khen-thuong-moi.html",
 "dieu64": "http://118.69.201.250:801/lao-dong-tien-luong/xet-tang-va-cong-bo-danh-hieu-nha-giao-uu-tu-cho-cac-nha-giao-vao-dip-ky-niem-ngay-nha-giao-viet-na-32541.html",
 "dieu65": "https://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/60295/tieu-chuan-xet-tang-danh-hieu-thay-thuoc-nhan-dan-tu-15-4-2024",
 "dieu70": "http://hethongphapluat.vn/luat-thi-dua-khen-thuong-2022/dieu-70",
 "dieu71": "https://luatlvn.com/2023/08/05/dieu-71-luat-thi-dua-khen-thuong",
 "dieu73": "https://news.laodong.vn/thoi-su/dieu-kien-de-cong-chuc-cap-tinh-nhan-bang-khen-cua-thu-tuong-1453321.ldo",
 "dieu75": "https://baochinhphu.vn/tieu-chuan-xet-tang-giay-khen-102241213091854171.htm",
 "dieu77": "https://danluatold.thuvienphapluat.vn/chu-tich-nuoc-co-quyen-quyet-dinh-tang-nhung-hinh-thuc-khen-thuong-nao-218012.aspx?PostID=616666",
 "dieu83": "http://hethongphapluat.vn/luat-thi-dua-khen-thuong-2022/dieu-83",
 "nd98_54": "https://vietjack.me/phap-luat/nghi-dinh-98-2023-nd-cp-huong-dan-luat-thi-dua-khen-thuong-cpy0s/chuong-ii-9587.html",
 "nd152_dhtd": "https://dantri.com.vn/noi-vu/muc-tien-thuong-danh-hieu-chien-si-thi-dua-co-so-20251203220710774.htm",
 "nd152_51": "https://news.laodong.vn/tu-van-phap-luat/quy-dinh-ve-muc-tien-thuong-huan-chuong-cac-loai-tu-thang-72025-1533327.ldo",
 "nd152_52": "https://news.laodong.vn/tu-van-phap-luat/muc-tien-thuong-voi-giao-vien-dat-danh-hieu-nha-giao-uu-tu-tu-thang-72025-1534553.ldo",
 "nd152_54": "https://giadinh.suckhoedoisong.vn/cong-chuc-vien-chuc-mung-tham-se-duoc-nhan-tien-thuong-hon-8-trieu-dong-neu-dat-duoc-thanh-tich-nay-172250808152932881.htm",
 "nd152_54e": "https://ja.laodong.vn/cong-doan/muc-tien-thuong-bang-khen-giay-khen-ky-niem-chuong-doi-voi-ca-nhan-theo-nghi-dinh-152-1535725.ldo",
 "nd129": "https://ja.congdoanvietnam.vn/tu-van-phap-luat/chu-tich-ubnd-xa-co-quyen-tang-danh-hieu-thon-to-dan-pho-van-hoa-tu-17-6851.tld",
}

# Authority phrases
CTN = "Chủ tịch nước"
CHAIN_CTN = ("Đơn vị cơ sở (Hội đồng TĐKT bình xét) → Bộ/ban/ngành hoặc UBND tỉnh (Hội đồng TĐKT; Sở Nội vụ/Ban TĐKT thẩm định; "
             "công khai ≥10 ngày làm việc) → Bộ trưởng/Chủ tịch UBND tỉnh đề nghị → Bộ Nội vụ (Ban TĐKT Trung ương) thẩm định → "
             "Thủ tướng Chính phủ xét, trình → Chủ tịch nước quyết định (Luật Điều 83 khoản 2)")
CHAIN_TTG = ("Đơn vị cơ sở → Bộ/ban/ngành hoặc UBND tỉnh (Hội đồng TĐKT) → Bộ trưởng/Chủ tịch UBND tỉnh đề nghị → "
             "Bộ Nội vụ (Ban TĐKT Trung ương) thẩm định → Thủ tướng Chính phủ")
CHAIN_BO = ("Đơn vị cơ sở → cấp trên trực tiếp (thủ trưởng sở/ngành; trước 1/7/2025 có thể qua UBND cấp huyện, nay qua UBND cấp xã) → "
            "Hội đồng TĐKT bộ/tỉnh (Sở Nội vụ/Ban TĐKT thẩm định) → Bộ trưởng/Chủ tịch UBND tỉnh")
CHAIN_CS = "Đơn vị/tập thể bình xét → Hội đồng TĐKT cơ quan, đơn vị (hoặc UBND cấp xã) → thủ trưởng/Chủ tịch UBND cấp xã quyết định"

ND152_DHTD = "Nghị định 98/2023/NĐ-CP, Điều 54 (mức giữ nguyên tại Nghị định 152/2025/NĐ-CP; số điều trong NĐ 152 chưa xác minh, có thể là Điều 50)"
ND152_51 = "Nghị định 152/2025/NĐ-CP, Điều 51 khoản 1 (trước đó Nghị định 98/2023/NĐ-CP, Điều 55); tập thể gấp 2 lần (khoản 2)"
ND152_52 = "Nghị định 152/2025/NĐ-CP, Điều 52"
ND152_54 = "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1"

E = []
def add(code, vi, en, cat, nom, defined, cond, summ, by, chain, coef, bsrc, fam, ver, url, notes=""):
    E.append(dict(code=code, name_vi=vi, name_en=en, category=cat, nominee_types=nom,
                  defined_in=f"{L}, {defined}", conditions_in=cond, conditions_summary_vi=summ,
                  decided_by=by, proposed_through=chain, bonus_coefficient=coef, bonus_source=bsrc,
                  family=fam, verified=ver, source_url=url, notes=notes))

I=["individual"]; C=["collective"]; IC=["individual","collective"]; ICH=["individual","collective","household"]

# ---------------- Emulation titles (danh hiệu thi đua) ----------------
add("chien-si-thi-dua-toan-quoc","Chiến sĩ thi đua toàn quốc","National Emulation Fighter","emulation_title",I,
    "Điều 19 (danh hiệu thi đua đối với cá nhân)","Điều 21",
    "Được lựa chọn trong số cá nhân có 02 lần liên tục đạt danh hiệu chiến sĩ thi đua Bộ, ban, ngành, tỉnh và có sáng kiến/đề tài, công trình khoa học áp dụng hiệu quả, có phạm vi ảnh hưởng toàn quốc (hoặc mưu trí, sáng tạo trong chiến đấu có ảnh hưởng toàn quốc).",
    "Thủ tướng Chính phủ (Luật Điều 78 khoản 2)",CHAIN_TTG+"; Hội đồng TĐKT cấp trình bỏ phiếu ≥90% (theo domain.md, NĐ 152 Điều 33 — chưa đối chiếu)",
    4.5,ND152_DHTD,"regular",True,U["dieu21_78"],
    "Điều 21 và Điều 78 khoản 2 được trích nguyên văn trong nguồn; Điều 19 chỉ thấy trong bài tổng hợp (thuvienphapluat).")
add("chien-si-thi-dua-bo-ban-nganh-tinh","Chiến sĩ thi đua Bộ, ban, ngành, tỉnh","Emulation Fighter of a ministry, central agency or province","emulation_title",I,
    "Điều 19 (danh hiệu thi đua đối với cá nhân)","Điều 22",
    "Được lựa chọn trong số cá nhân có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” và có sáng kiến/đề tài khoa học áp dụng hiệu quả, có phạm vi ảnh hưởng trong Bộ, ban, ngành, tỉnh.",
    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, người đứng đầu ban, ngành trung ương, Chủ tịch UBND cấp tỉnh (Luật Điều 79 — số điều chưa xác minh)",CHAIN_BO,
    3.0,ND152_DHTD,"regular",False,U["dieu22"],
    "Nội dung tiêu chuẩn thấy ở baoyenbai.com.vn (không ghi số điều); số Điều 22 suy ra vì Điều 21 (CSTĐ toàn quốc) và Điều 23 (CSTĐ cơ sở) đã xác minh. Trong QĐND/CAND tên gọi riêng (vd. “Chiến sĩ thi đua toàn quân”).")
add("chien-si-thi-dua-co-so","Chiến sĩ thi đua cơ sở","Grassroots Emulation Fighter","emulation_title",I,
    "Điều 19 (danh hiệu thi đua đối với cá nhân)","Điều 23",
    "Đạt tiêu chuẩn “Lao động tiên tiến”/“Chiến sĩ tiên tiến” và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận hoặc có đề tài, đề án, công trình khoa học đã nghiệm thu hoặc mưu trí, sáng tạo trong chiến đấu được đơn vị công nhận.",
    "Thủ trưởng cơ quan, tổ chức, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh; Chủ tịch UBND cấp huyện (đến 30/6/2025) → Chủ tịch UBND cấp xã (từ 1/7/2025, NĐ 129/2025); Tổng giám đốc/Giám đốc doanh nghiệp, HTX (Luật Điều 80 khoản 1, 2, 4)",
    CHAIN_CS,1.0,ND152_DHTD,"regular",True,U["dieu23"],
    "Dự thảo Luật sửa đổi (12/2025) đề xuất thay tiêu chuẩn LĐTT bằng “hoàn thành xuất sắc nhiệm vụ” và bắt buộc sáng kiến — chưa có hiệu lực tại thời điểm nghiên cứu.")
add("lao-dong-tien-tien","Lao động tiên tiến","Advanced Worker","emulation_title",I,
    "Điều 19 (danh hiệu thi đua đối với cá nhân)","Điều 24",
    "Tặng cán bộ, công chức, viên chức, người lao động hoàn thành tốt nhiệm vụ trở lên, có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua.",
    "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh; Chủ tịch UBND cấp huyện (đến 30/6/2025); Chủ tịch UBND cấp xã; Tổng giám đốc/Giám đốc doanh nghiệp, HTX (Luật Điều 80 khoản 1–4)",
    CHAIN_CS,0.3,ND152_DHTD,"regular",True,U["dieu24"],"Bộ, ban, ngành, tỉnh quy định chi tiết tiêu chuẩn cho từng nhóm đối tượng (Điều 24).")
add("chien-si-tien-tien","Chiến sĩ tiên tiến","Advanced Soldier","emulation_title",I,
    "Điều 19 (danh hiệu thi đua đối với cá nhân)","Điều 24",
    "Tặng quân nhân, công nhân, công chức, viên chức quốc phòng; dân quân thường trực, dân quân tự vệ cơ động; sĩ quan, hạ sĩ quan, chiến sĩ, công nhân Công an nhân dân hoàn thành tốt nhiệm vụ trở lên và tích cực tham gia phong trào thi đua.",
    "Thẩm quyền trong QĐND, CAND, dân quân do Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an quy định (Luật Điều 80 khoản 5)",
    "Đơn vị bình xét → Hội đồng TĐKT đơn vị → người chỉ huy có thẩm quyền theo quy định của BQP/BCA",0.3,ND152_DHTD,"regular",True,U["dieu24"])
add("co-thi-dua-cua-chinh-phu","Cờ thi đua của Chính phủ","Government Emulation Flag","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 25",
    "Tặng hằng năm tập thể tiêu biểu xuất sắc trong số tập thể dẫn đầu cụm, khối thi đua của Bộ, ban, ngành, tỉnh (hoặc cụm, khối do Hội đồng TĐKT Trung ương tổ chức), hoặc tập thể dẫn đầu phong trào thi đua do Thủ tướng phát động từ 05 năm trở lên; hoàn thành vượt mức chỉ tiêu, nội bộ đoàn kết.",
    "Chính phủ (Luật Điều 78 khoản 1)",CHAIN_TTG+" → Chính phủ quyết định; Hội đồng TĐKT bỏ phiếu ≥80% (theo domain.md, NĐ 152 Điều 33 — chưa đối chiếu)",
    12.0,ND152_DHTD,"regular",True,U["dieu25"],"Điều 25 khoản 4: Chính phủ quy định chi tiết (NĐ 98/2023 rồi NĐ 152/2025).")
add("co-thi-dua-bo-ban-nganh-tinh","Cờ thi đua của Bộ, ban, ngành, tỉnh","Emulation Flag of a ministry, central agency or province","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 26",
    "Tặng hằng năm tập thể tiêu biểu xuất sắc dẫn đầu cụm, khối thi đua do Bộ, ban, ngành, tỉnh tổ chức, hoặc tập thể dẫn đầu phong trào thi đua theo chuyên đề khi sơ kết, tổng kết.",
    "Bộ trưởng, người đứng đầu ban, ngành trung ương, Chủ tịch UBND cấp tỉnh (Luật Điều 79 — số điều chưa xác minh)",CHAIN_BO,
    8.0,ND152_DHTD,"regular",True,U["dieu26"],"Số Điều 26 xác nhận qua Thông tư 29/2023/TT-BGDĐT Điều 4 (dẫn khoản 1, 2 Điều 26 Luật).")
add("co-thi-dua-quan-khu-dhqg","Cờ thi đua của quân khu, quân đoàn, quân chủng, binh chủng, tổng cục và tương đương (BQP, Ban Cơ yếu); cờ thi đua của Đại học Quốc gia","Emulation Flag of a military region/corps/branch or of a National University","emulation_title",C,
    "chưa xác minh (không thấy trong danh mục Điều 20; có mức thưởng riêng tại Nghị định 98/2023 Điều 54)","chưa xác minh",
    "Tặng tập thể dẫn đầu phong trào thi đua trong quân khu, quân đoàn, quân chủng, binh chủng, tổng cục và tương đương hoặc trong Đại học Quốc gia theo quy định của BQP/Ban Cơ yếu/ĐHQG.",
    "Thủ trưởng quân khu, quân đoàn... (BQP); Giám đốc Đại học Quốc gia",
    "Đơn vị → Hội đồng TĐKT cấp quân khu/ĐHQG → thủ trưởng có thẩm quyền",6.0,"Nghị định 98/2023/NĐ-CP, Điều 54",None,False,"https://baoquocte.vn/muc-tien-thuong-thi-dua-khen-thuong-moi-nhat-nam-2024-256580.html",
    "Có thể không phải danh hiệu riêng của Luật; giữ để mã hóa mức thưởng 6,0. Kiểm tra lại trước khi dùng.")
add("tap-the-lao-dong-xuat-sac","Tập thể lao động xuất sắc","Excellent Labour Collective","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 27",
    "Tập thể sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; có phong trào thi đua thường xuyên, hiệu quả; 100% cá nhân hoàn thành nhiệm vụ, trong đó ≥70% đạt “Lao động tiên tiến”; có cá nhân đạt “Chiến sĩ thi đua cơ sở”; nội bộ đoàn kết.",
    "Bộ trưởng, người đứng đầu ban, ngành, Chủ tịch UBND cấp tỉnh (Luật Điều 79 — chưa xác minh)",CHAIN_BO,
    1.5,ND152_DHTD,"regular",False,U["dieu24_28"],
    "Số Điều 27 và nội dung tiêu chuẩn chưa đọc được trong văn bản Luật; suy ra từ thứ tự (Điều 26 Cờ bộ, Điều 28 TTLĐTT đã xác minh) và domain.md.")
add("don-vi-quyet-thang","Đơn vị quyết thắng","Victorious Unit","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 27",
    "Tập thể thuộc lực lượng vũ trang đạt tiêu chuẩn tương đương “Tập thể lao động xuất sắc”, với tỷ lệ cá nhân đạt “Chiến sĩ tiên tiến” theo quy định.",
    "Thủ trưởng cấp quân khu, quân chủng... / theo quy định của Bộ Quốc phòng, Bộ Công an (chưa xác minh)",
    "Đơn vị → Hội đồng TĐKT đơn vị → thủ trưởng có thẩm quyền BQP/BCA",1.5,ND152_DHTD,"regular",False,U["dieu24_28"])
add("tap-the-lao-dong-tien-tien","Tập thể lao động tiên tiến","Advanced Labour Collective","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 28",
    "Tập thể hoàn thành tốt nhiệm vụ, có phong trào thi đua thường xuyên, hiệu quả, trên 50% cá nhân đạt “Lao động tiên tiến”, nội bộ đoàn kết (Bộ, ban, ngành, tỉnh quy định chi tiết).",
    "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh; Chủ tịch UBND cấp huyện (đến 30/6/2025) → Chủ tịch UBND cấp xã (từ 1/7/2025, NĐ 129/2025); Tổng giám đốc/Giám đốc doanh nghiệp, HTX (Luật Điều 80)",
    CHAIN_CS,0.8,ND152_DHTD,"regular",True,U["dieu24_28"],"Tỷ lệ >50% LĐTT lấy từ Luật 2003; Luật 2022 Điều 28 giao Bộ, ban, ngành, tỉnh quy định chi tiết — kiểm tra lại.")
add("don-vi-tien-tien","Đơn vị tiên tiến","Advanced Unit","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 28",
    "Tập thể thuộc lực lượng vũ trang hoàn thành tốt nhiệm vụ, có phong trào thi đua hiệu quả, trên 50% cá nhân đạt “Chiến sĩ tiên tiến”.",
    "Theo quy định của Bộ Quốc phòng, Bộ Công an (Luật Điều 80 khoản 5)",
    "Đơn vị → Hội đồng TĐKT đơn vị → người chỉ huy có thẩm quyền",0.8,ND152_DHTD,"regular",True,U["dieu24_28"],"Điều 28 chỉ được trích số điều (kontum.gov.vn), chưa đọc nguyên văn; nội dung theo Luật 2003 Điều 28 khoản 2.")
add("xa-phuong-thi-tran-tieu-bieu","Xã, phường, thị trấn tiêu biểu","Exemplary Commune/Ward/Town","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 29",
    "Tặng hằng năm cho xã, phường, thị trấn dẫn đầu phong trào thi đua cấp huyện, thực hiện tốt nhiệm vụ kinh tế - xã hội, quốc phòng, an ninh; đời sống kinh tế, văn hóa ổn định, môi trường sạch đẹp, chấp hành tốt pháp luật (UBND tỉnh quy định chi tiết trên khung của Chính phủ — NĐ 86/2023).",
    "Chủ tịch UBND cấp tỉnh (Luật Điều 79 — chưa xác minh)",
    "UBND cấp xã đăng ký, tự đánh giá → (trước 1/7/2025 UBND cấp huyện) → Sở Nội vụ/Hội đồng TĐKT tỉnh → Chủ tịch UBND tỉnh",
    2.0,ND152_DHTD,"regular",True,U["dieu29_30"],
    "Dự thảo Luật sửa đổi 12/2025 đề xuất đổi tên thành “xã, phường, đặc khu tiêu biểu” và bỏ tiêu chí “dẫn đầu phong trào cấp huyện”; NĐ 152 đã dùng “xã, phường, đặc khu tiêu biểu” trong mức thưởng (dantri).")
add("thon-to-dan-pho-van-hoa","Thôn, tổ dân phố văn hóa","Cultural Village / Residential Group","emulation_title",C,
    "Điều 20 (danh hiệu thi đua đối với tập thể)","Điều 30",
    "Tặng hằng năm cho thôn, tổ dân phố có đời sống kinh tế ổn định, đời sống văn hóa lành mạnh, môi trường an toàn sạch đẹp, chấp hành tốt pháp luật, giữ vững an ninh trật tự và đoàn kết tương trợ (UBND tỉnh quy định chi tiết trên khung NĐ 86/2023).",
    "Chủ tịch UBND cấp huyện (Luật Điều 80 khoản 2, đến 30/6/2025) → Chủ tịch UBND cấp xã (từ 1/7/2025, NĐ 129/2025)",
    "Thôn/tổ dân phố đăng ký → Ban công tác Mặt trận, UBND cấp xã bình xét → Chủ tịch UBND cấp xã",
    1.5,ND152_DHTD,"regular",True,U["dieu30_31"])
add("gia-dinh-van-hoa","Gia đình văn hóa","Cultural Family","emulation_title",["household"],
    "Điều 20 (danh hiệu thi đua đối với hộ gia đình)","Điều 31",
    "Tặng hộ gia đình gương mẫu chấp hành chủ trương của Đảng, pháp luật của Nhà nước, tích cực tham gia phong trào thi đua ở địa phương, gia đình no ấm, hòa thuận, tiến bộ, hạnh phúc (khung tiêu chuẩn NĐ 86/2023).",
    "Chủ tịch UBND cấp xã (Luật Điều 80 khoản 3)",
    "Hộ gia đình đăng ký → thôn/tổ dân phố bình xét → UBND cấp xã → Chủ tịch UBND cấp xã",
    None,None,"regular",True,U["dieu30_31"],"Không tìm thấy mức tiền thưởng riêng cho danh hiệu này trong NĐ 98/152.")

# ---------------- Orders (huân chương) ----------------
ORD_URL = U["dieu33_54"]
add("huan-chuong-sao-vang","Huân chương Sao vàng","Gold Star Order","order",IC,
    "Điều 33 khoản 2 điểm a","Điều 34",
    "Huân chương cao quý nhất; tặng/truy tặng cá nhân có nhiều công lao to lớn, đặc biệt xuất sắc trong sự nghiệp cách mạng hoặc đối với đất nước; tặng Bộ, ban, ngành, tỉnh đã có Huân chương Hồ Chí Minh và sau đó liên tục ≥25 năm lập thành tích đặc biệt xuất sắc.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,46.0,ND152_51,None,True,U["dieu34"],"NĐ 98/2023 Điều 8 quy định chi tiết tiêu chuẩn cá nhân (điểm a khoản 2 Điều 34).")
add("huan-chuong-ho-chi-minh","Huân chương Hồ Chí Minh","Ho Chi Minh Order","order",IC,
    "Điều 33 khoản 2 điểm b","Điều 35",
    "Tặng/truy tặng cá nhân có công lao to lớn, đặc biệt xuất sắc hoặc thành tích đặc biệt xuất sắc có ảnh hưởng toàn quốc; tặng Bộ, ban, ngành, tỉnh đã có Huân chương Độc lập/Quân công hạng Nhất và sau đó liên tục ≥10 năm lập thành tích đặc biệt xuất sắc.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,30.5,ND152_51,None,True,U["dieu35"],"NĐ 98/2023 Điều 9 quy định chi tiết.")
def ranked(base_code, base_vi, base_en, arts, verified_arts, point, coefs, summ, url, fam=None, nom=IC, note=""):
    for (hang_vi, hang_code, hang_en), art, coef in zip([("hạng Nhất","hang-nhat","First Class"),("hạng Nhì","hang-nhi","Second Class"),("hạng Ba","hang-ba","Third Class")], arts, coefs):
        v = art in verified_arts
        add(f"{base_code}-{hang_code}", f"{base_vi} {hang_vi}", f"{base_en}, {hang_en}", "order", nom,
            f"Điều 33 khoản 2 điểm {point}", f"Điều {art}", summ.replace("{hang}", hang_vi), CTN+" (Luật Điều 77)", CHAIN_CTN,
            coef, ND152_51, fam, v, url if v else ORD_URL,
            note + ("" if v else f" Số Điều {art} suy ra từ thứ tự các điều (NĐ 98/2023 Điều 1 liệt kê khoản chi tiết của các Điều 36–47 theo nhóm 3 điều/hạng); chưa đọc được văn bản điều."))
ranked("huan-chuong-doc-lap","Huân chương Độc lập","Independence Order",[36,37,38],{36},"c",[15.0,12.5,10.5],
       "Tặng/truy tặng cá nhân có công lao, thành tích đặc biệt xuất sắc (theo mức của {hang}) trong các lĩnh vực chính trị, kinh tế, xã hội, văn hóa, khoa học, quốc phòng, an ninh, đối ngoại; tặng tập thể có quá trình xây dựng lâu dài và đã được tặng hạng liền kề thấp hơn.",
       U["dieu36"])
ranked("huan-chuong-quan-cong","Huân chương Quân công","Military Exploit Order",[39,40,41],set(),"d",[15.0,12.5,10.5],
       "Tặng/truy tặng cá nhân, tập thể trong Quân đội nhân dân, Công an nhân dân lập chiến công xuất sắc trong chiến đấu, phục vụ chiến đấu, xây dựng lực lượng ({hang}).",
       ORD_URL)
ranked("huan-chuong-lao-dong","Huân chương Lao động","Labour Order",[42,43,44],{44},"đ",[9.0,7.5,4.5],
       "Tặng/truy tặng cá nhân (kể cả công nhân, nông dân, doanh nhân, trí thức, nhà khoa học) và tập thể có thành tích xuất sắc trong lao động, sáng tạo, xây dựng Tổ quốc ({hang}); Luật quy định tiêu chuẩn riêng cho từng nhóm đối tượng.",
       U["dieu44"])
ranked("huan-chuong-bao-ve-to-quoc","Huân chương Bảo vệ Tổ quốc","Fatherland Defence Order",[45,46,47],set(),"e",[9.0,7.5,4.5],
       "Tặng/truy tặng cá nhân, tập thể có thành tích xuất sắc trong huấn luyện, xây dựng lực lượng, củng cố quốc phòng toàn dân, an ninh nhân dân ({hang}).",
       ORD_URL)
ranked("huan-chuong-chien-cong","Huân chương Chiến công","Feat of Arms Order",[48,49,50],set(),"g",[9.0,7.5,4.5],
       "Tặng/truy tặng cá nhân, tập thể lập được chiến công xuất sắc, dũng cảm, mưu trí trong chiến đấu, phục vụ chiến đấu, bảo vệ an ninh ({hang}).",
       ORD_URL)
add("huan-chuong-dai-doan-ket-dan-toc","Huân chương Đại đoàn kết dân tộc","Great National Unity Order","order",I,
    "Điều 33 khoản 2 điểm h","Điều 51",
    "Tặng/truy tặng cá nhân có nhiều công lao, đóng góp xuất sắc trong sự nghiệp xây dựng khối đại đoàn kết toàn dân tộc (Chính phủ quy định chi tiết — khoản 2).",
    CTN+" (Luật Điều 77)",CHAIN_CTN,7.5,ND152_51,"dedication",False,U["nd98_d1"],
    "Điều 51 có khoản 2 giao Chính phủ quy định chi tiết (NĐ 98/2023 Điều 1), phù hợp; nội dung điều chưa đọc được. Đối tượng chỉ là cá nhân theo hiểu biết — kiểm tra lại.")
add("huan-chuong-dung-cam","Huân chương Dũng cảm","Bravery Order","order",I,
    "Điều 33 khoản 2 điểm i","Điều 52",
    "Tặng/truy tặng cá nhân có hành động dũng cảm cứu người, cứu tài sản của Nhà nước, của Nhân dân.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,4.5,ND152_51,"ad_hoc",False,ORD_URL,"Số Điều 52 suy ra (giữa Điều 51 và Điều 53).")
add("huan-chuong-huu-nghi","Huân chương Hữu nghị","Friendship Order","order",["individual","collective"],
    "Điều 33 khoản 2 điểm k","Điều 53",
    "Tặng/truy tặng người nước ngoài, tặng tập thể người nước ngoài có đóng góp to lớn vào xây dựng, củng cố và phát triển quan hệ hữu nghị, hợp tác giữa Việt Nam và các nước, được Bộ, ban, ngành, tỉnh công nhận và đề nghị.",
    CTN+" (Luật Điều 77)","Cơ quan, đơn vị Việt Nam có quan hệ → Bộ, ban, ngành, tỉnh công nhận và đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước",
    None,None,"foreign",True,U["ws37"],"Phần cuối Điều 53 (nội dung đối ngoại + khoản 2 “Chính phủ quy định chi tiết”) đọc trực tiếp trên Công báo (wikisource, trang 38). NĐ 152 Điều 51 không nêu mức thưởng cho huân chương này.")

# ---------------- Medals (huy chương) ----------------
add("huy-chuong-quan-ky-quyet-thang","Huy chương Quân kỳ quyết thắng","Victory Flag Medal","medal",I,
    "Điều 54 khoản 2 điểm a","Điều 55",
    "Tặng/truy tặng quân nhân, công nhân, công chức, viên chức quốc phòng thuộc Quân đội nhân dân có quá trình công tác liên tục từ 25 năm trở lên, hoàn thành tốt nhiệm vụ.",
    CTN+" (Luật Điều 77)","Đơn vị quân đội → Bộ Quốc phòng đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước",
    None,None,"seniority",True,U["ws37"],"Mức tiền thưởng huy chương (NĐ 152 có thể Điều 53) chưa tìm được.")
add("huy-chuong-vi-an-ninh-to-quoc","Huy chương Vì an ninh Tổ quốc","For National Security Medal","medal",I,
    "Điều 54 khoản 2 điểm b","Điều 56",
    "Tặng/truy tặng sĩ quan, hạ sĩ quan, chiến sĩ, công nhân Công an nhân dân có quá trình công tác liên tục từ 25 năm trở lên, hoàn thành tốt nhiệm vụ.",
    CTN+" (Luật Điều 77)","Đơn vị công an → Bộ Công an đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước",
    None,None,"seniority",True,U["ws37"],"Trang Công báo chỉ thấy đầu Điều 56; mốc 25 năm theo cấu trúc tương tự Điều 55 — kiểm tra lại.")
for hang_vi, hang_code, hang_en, yrs in [("hạng Nhất","hang-nhat","First Class","20"),("hạng Nhì","hang-nhi","Second Class","15"),("hạng Ba","hang-ba","Third Class","10")]:
    add(f"huy-chuong-chien-si-ve-vang-{hang_code}",f"Huy chương Chiến sĩ vẻ vang {hang_vi}",f"Glorious Soldier Medal, {hang_en}","medal",I,
        "Điều 54 khoản 2 điểm c","Điều 57",
        f"Tặng/truy tặng quân nhân, công an nhân dân hoàn thành tốt nhiệm vụ, có quá trình công tác liên tục (mốc tham khảo theo luật cũ: từ {yrs} năm) trong QĐND/CAND.",
        CTN+" (Luật Điều 77)","Đơn vị → Bộ Quốc phòng/Bộ Công an đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước",
        None,None,"seniority",False,U["dieu33_54"],
        "Số Điều 57 suy ra (giữa Điều 56 và Điều 59 đã xác minh, theo thứ tự khoản 2 Điều 54). Mốc năm lấy từ Luật 2013 sửa đổi — chưa đối chiếu Luật 2022.")
add("huy-chuong-huu-nghi","Huy chương Hữu nghị","Friendship Medal","medal",I,
    "Điều 54 khoản 2 điểm d","Điều 58",
    "Tặng người nước ngoài có nhiều đóng góp trong xây dựng và bảo vệ Tổ quốc Việt Nam, vào quan hệ hữu nghị, hợp tác với Việt Nam.",
    CTN+" (Luật Điều 77; luật cũ giao Thủ tướng)","Cơ quan, đơn vị → Bộ, ban, ngành, tỉnh đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước",
    None,None,"foreign",False,U["dieu33_54"],"Số Điều 58 suy ra (cuối Mục 2, trước Điều 59).")
add("huy-chuong-thanh-nien-xung-phong-ve-vang","Huy chương Thanh niên xung phong vẻ vang","Glorious Youth Volunteer Medal","medal",I,
    "Điều 96 khoản 2 (khen thưởng tổng kết thành tích kháng chiến)","Điều 96",
    "Tặng/truy tặng thanh niên xung phong có thành tích trong các cuộc kháng chiến, bảo vệ Tổ quốc, hoàn thành nhiệm vụ, có thời gian tại ngũ từ 02 năm trở lên; truy tặng thanh niên xung phong hy sinh đã được công nhận liệt sĩ.",
    CTN,"UBND cấp xã thẩm định → Chủ tịch UBND tỉnh đề nghị → Bộ Nội vụ thẩm định → Thủ tướng trình → Chủ tịch nước (NĐ 28/2024; QĐ 01/2026/QĐ-TTg)",
    None,None,"resistance",True,U["ws_ch8"],"Không thuộc danh mục huy chương tại Điều 54; là hình thức khen thưởng kháng chiến theo Điều 96.")

# ---------------- State honorary titles ----------------
ws40 = U["ws40"]
add("tinh-anh-hung","Tỉnh Anh hùng","Heroic Province","honorary_title",C,"Điều 59 khoản 2 điểm a","Điều 60",
    "Tặng tỉnh có thành tích đặc biệt xuất sắc và toàn diện, đóng góp to lớn vào sự nghiệp giải phóng dân tộc, xây dựng và bảo vệ Tổ quốc; năng động, sáng tạo; tổ chức đảng, chính quyền, Mặt trận đoàn kết, thống nhất.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,None,None,None,True,ws40)
add("thanh-pho-anh-hung","Thành phố Anh hùng","Heroic City","honorary_title",C,"Điều 59 khoản 2 điểm a","Điều 60",
    "Tặng thành phố trực thuộc trung ương đạt các tiêu chuẩn như danh hiệu “Tỉnh Anh hùng”.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,None,None,None,True,ws40)
add("ba-me-viet-nam-anh-hung","Bà mẹ Việt Nam anh hùng","Heroic Vietnamese Mother","honorary_title",I,"Điều 59 khoản 2 điểm b","Điều 61",
    "Tặng/truy tặng những bà mẹ có nhiều cống hiến, hy sinh vì sự nghiệp giải phóng dân tộc, xây dựng, bảo vệ Tổ quốc và làm nghĩa vụ quốc tế; việc xét tặng theo quy định của Ủy ban Thường vụ Quốc hội (Pháp lệnh 1994, sửa 2012).",
    CTN+" (Luật Điều 77)","UBND cấp xã → (cấp huyện, trước 7/2025) → UBND tỉnh → Bộ chủ quản lĩnh vực người có công → Thủ tướng trình → Chủ tịch nước",
    15.5,ND152_52+" khoản 1 (tiền hỗ trợ)",None,True,U["dieu61_62"])
add("anh-hung-luc-luong-vu-trang-nhan-dan","Anh hùng Lực lượng vũ trang nhân dân","Hero of the People's Armed Forces","honorary_title",IC,"Điều 59 khoản 2 điểm c","Điều 62",
    "Tặng/truy tặng cá nhân tuyệt đối trung thành, có hành động anh hùng, mưu trí, dũng cảm, thành tích đặc biệt xuất sắc trong chiến đấu, phục vụ chiến đấu, giữ gìn an ninh trật tự được nêu gương toàn quốc; tặng tập thể đạt tiêu chuẩn tương ứng.",
    CTN+" (Luật Điều 77)",CHAIN_CTN+"; công khai danh sách lấy ý kiến (NĐ 152 Điều 44 khoản 2)",15.5,ND152_52+" khoản 2 (tập thể gấp 2)",None,True,U["dieu61_62"])
add("anh-hung-lao-dong","Anh hùng Lao động","Labour Hero","honorary_title",IC,"Điều 59 khoản 2 điểm d","Điều 63",
    "Tặng/truy tặng cá nhân, tặng tập thể có thành tích đặc biệt xuất sắc trong lao động, sáng tạo, phục vụ nhân dân, được nêu gương trong toàn quốc.",
    CTN+" (Luật Điều 77)",CHAIN_CTN,15.5,ND152_52+" khoản 2 (tập thể gấp 2)",None,False,ws40,"Số Điều 63 suy ra (giữa Điều 62 và Điều 64 đã xác minh).")
def people_excellent(code_base, vi_base, en_people, en_excellent, art, verified, url, subj):
    add(f"{code_base}-nhan-dan", f"{vi_base} nhân dân", en_people, "honorary_title", I, f"Điều 59 khoản 2", f"Điều {art}",
        f"Tặng {subj} đã được tặng danh hiệu “{vi_base} ưu tú”, trung thành với Tổ quốc, có tài năng xuất sắc, cống hiến lớn, ảnh hưởng rộng rãi và đủ thời gian hoạt động nghề nghiệp theo luật.",
        CTN+" (Luật Điều 77)", "Hội đồng cấp cơ sở → Hội đồng cấp tỉnh/bộ → Hội đồng cấp Nhà nước → Thủ tướng trình → Chủ tịch nước", 12.5, ND152_52+" khoản 3", None, verified, url,
        "" if verified else f"Số Điều {art} suy ra từ thứ tự điểm đ–h khoản 2 Điều 59.")
    add(f"{code_base}-uu-tu", f"{vi_base} ưu tú", en_excellent, "honorary_title", I, f"Điều 59 khoản 2", f"Điều {art}",
        f"Tặng {subj} trung thành với Tổ quốc, có phẩm chất đạo đức tốt, tài năng, nhiều thành tích trong nghề và đủ thời gian hoạt động nghề nghiệp theo luật.",
        CTN+" (Luật Điều 77)", "Hội đồng cấp cơ sở → Hội đồng cấp tỉnh/bộ → Hội đồng cấp Nhà nước → Thủ tướng trình → Chủ tịch nước", 9.0, ND152_52+" khoản 3", None, verified, url,
        "" if verified else f"Số Điều {art} suy ra từ thứ tự điểm đ–h khoản 2 Điều 59.")
people_excellent("nha-giao","Nhà giáo","People's Teacher","Meritorious Teacher",64,True,U["dieu64"],"nhà giáo, cán bộ quản lý giáo dục, cán bộ nghiên cứu giáo dục")
people_excellent("thay-thuoc","Thầy thuốc","People's Physician","Meritorious Physician",65,True,U["dieu65"],"người làm chuyên môn kỹ thuật và cán bộ quản lý trong ngành y tế")
people_excellent("nghe-si","Nghệ sĩ","People's Artist","Meritorious Artist",66,False,ws40,"nghệ sĩ hoạt động biểu diễn, sáng tạo nghệ thuật")
people_excellent("nghe-nhan","Nghệ nhân","People's Artisan","Meritorious Artisan",67,False,ws40,"nghệ nhân nắm giữ di sản văn hóa phi vật thể hoặc nghề thủ công mỹ nghệ truyền thống")

# ---------------- Prizes ----------------
add("giai-thuong-ho-chi-minh","Giải thưởng Hồ Chí Minh","Ho Chi Minh Prize","prize",I,"Điều 68 khoản 1","Điều 69",
    "Tặng/truy tặng tác giả, đồng tác giả công trình khoa học - công nghệ, giáo dục, tác phẩm văn học, nghệ thuật đặc biệt xuất sắc, có giá trị rất cao và ảnh hưởng rộng lớn, lâu dài; cũng tặng người nước ngoài có tác phẩm, công trình nghiên cứu về Việt Nam.",
    CTN+" (Luật Điều 77)","Hội đồng cấp cơ sở → Hội đồng chuyên ngành → Hội đồng cấp Nhà nước → Thủ tướng trình → Chủ tịch nước",
    None,None,None,True,U["ws48"],"Mức tiền thưởng do nghị định riêng về giải thưởng quy định — không tìm được.")
add("giai-thuong-nha-nuoc","Giải thưởng Nhà nước","State Prize","prize",I,"Điều 68 khoản 1","Điều 70",
    "Tặng/truy tặng tác giả, đồng tác giả công trình nghiên cứu, ứng dụng khoa học công nghệ xuất sắc, sách giáo khoa/giáo trình có giá trị xuất sắc, hoặc tác phẩm văn học nghệ thuật có giá trị cao; xét tặng 05 năm một lần dịp Quốc khánh.",
    CTN+" (Luật Điều 77)","Hội đồng cấp cơ sở → Hội đồng chuyên ngành → Hội đồng cấp Nhà nước → Thủ tướng trình → Chủ tịch nước",
    None,None,None,True,U["dieu70"])

# ---------------- Commemorative ----------------
add("ky-niem-chuong-ubtvqh","Kỷ niệm chương của Ủy ban Thường vụ Quốc hội","Commemorative Medal of the NA Standing Committee","commemorative",I,
    "Điều 71 khoản 1","Điều 71",
    "Tặng cá nhân có đóng góp vào quá trình phát triển của Quốc hội; tên, đối tượng, tiêu chuẩn do Ủy ban Thường vụ Quốc hội quy định.",
    "Ủy ban Thường vụ Quốc hội","Cơ quan của Quốc hội/Đoàn ĐBQH đề nghị → Văn phòng Quốc hội → Ủy ban Thường vụ Quốc hội",
    0.8,ND152_54+" (tối đa “không quá” 0,8)",None,True,U["dieu71"],"Hệ số là mức tối đa.")
add("ky-niem-chuong","Kỷ niệm chương (của Bộ, ban, ngành, tỉnh, tổ chức chính trị - xã hội...)","Commemorative Medal of a ministry/agency/province/organisation","commemorative",I,
    "Điều 71 khoản 2","Điều 71",
    "Tặng cá nhân có đóng góp vào quá trình phát triển của Bộ, ban, ngành, tỉnh, tổ chức chính trị, chính trị - xã hội, xã hội - nghề nghiệp...; tên, đối tượng, tiêu chuẩn do chính cơ quan đó (tỉnh: HĐND tỉnh) quy định.",
    "Bộ trưởng, người đứng đầu ban, ngành, tổ chức; Chủ tịch UBND tỉnh (Luật Điều 79 — chưa xác minh)",CHAIN_BO,
    0.6,ND152_54+" (tối đa “không quá” 0,6)",None,True,U["dieu71"],
    "Luật 2022 bỏ hình thức “Huy hiệu” của tỉnh (nay là kỷ niệm chương do HĐND tỉnh quy định). Hệ số là mức tối đa; NĐ 152 tiếng Nhật ghi 1,0 — theo bản tiếng Việt là 0,6.")

# ---------------- Certificates ----------------
add("bang-khen-thu-tuong-chinh-phu","Bằng khen của Thủ tướng Chính phủ","Prime Minister's Certificate of Merit","certificate",ICH,
    "Điều 72","Điều 73",
    "Tặng/truy tặng cá nhân gương mẫu chấp hành chủ trương, pháp luật và có thành tích xuất sắc tiêu biểu được bình xét trong phong trào thi đua, hoặc đã có bằng khen Bộ/ban/ngành/tỉnh và sau đó liên tục ≥05 năm hoàn thành tốt nhiệm vụ trở lên, trong đó 03 lần “Chiến sĩ thi đua cơ sở”; có tiêu chuẩn riêng cho công nhân, nông dân, tập thể, hộ gia đình.",
    "Thủ tướng Chính phủ (Luật Điều 78 khoản 2)",CHAIN_TTG+" (hồ sơ theo NĐ 152/2025 Điều 42)",
    3.5,ND152_54+"; tập thể gấp 2 (khoản 2 — theo domain.md)",None,True,U["dieu73"],
    "Điều 73 khoản 1 điểm b trích trong nguồn; Điều 72 (điều chung về bằng khen) chưa xác minh.")
add("bang-khen-bo-ban-nganh-tinh","Bằng khen của Bộ, ban, ngành, tỉnh","Certificate of Merit of a minister / provincial chairperson","certificate",ICH,
    "Điều 72","Điều 74",
    "Tặng/truy tặng cá nhân, tập thể, hộ gia đình gương mẫu chấp hành chủ trương, pháp luật và có thành tích xuất sắc được bình xét trong phong trào thi đua hoặc lập thành tích đột xuất, có đóng góp cho địa phương, ngành.",
    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, người đứng đầu ban, ngành trung ương, Chủ tịch UBND cấp tỉnh (Luật Điều 79 — chưa xác minh)",CHAIN_BO,
    1.5,ND152_54+"; tập thể gấp 2, hộ gia đình theo domain.md ×1,5 (chưa đối chiếu)",None,False,U["nd152_54"],
    "Số Điều 74 suy ra (sau Điều 73 đã xác minh, trước Điều 75 đã xác minh).")
add("giay-khen","Giấy khen","Certificate of Commendation","certificate",ICH,
    "Điều 75 khoản 1","Điều 75",
    "Tặng cá nhân, tập thể, hộ gia đình có thành tích; tiêu chuẩn cụ thể do Bộ, ban, ngành, tỉnh quy định chi tiết trong phạm vi quản lý (khoản 2).",
    "Thủ trưởng cơ quan, tổ chức, đơn vị có tư cách pháp nhân thuộc Bộ, ban, ngành; thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh; Chủ tịch UBND cấp huyện (đến 30/6/2025); Chủ tịch UBND cấp xã; Tổng giám đốc/Giám đốc doanh nghiệp, HTX; Chủ tịch HĐQT/HĐTV (Luật Điều 80; Điều 75 khoản 1 điểm a–d)",
    CHAIN_CS,0.3,ND152_54+" điểm e (giấy khen theo điểm a–d khoản 1 Điều 75 Luật)",None,True,U["dieu75"])

# sanity
codes=set()
for e in E:
    assert e["code"] not in codes, e["code"]; codes.add(e["code"])
    assert e["code"].isascii() and e["code"]==e["code"].lower() and " " not in e["code"], e["code"]
    for k,v in e.items():
        if isinstance(v,str): e[k]=unicodedata.normalize("NFC",v)
    e["name_vi"]=unicodedata.normalize("NFC",e["name_vi"])
with open("docs/research/law-catalogue.json","w",encoding="utf-8") as f:
    json.dump(E,f,ensure_ascii=False,indent=2)
print(len(E), sum(e["verified"] for e in E))
