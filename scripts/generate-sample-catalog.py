#!/usr/bin/env python3
"""Generates src/LiveAssist.Catalog.Service/Data/sample-catalog.json: a realistic Yiwu small-commodities
catalog (zh/en titles, price tiers, MOQ, stock in Yiwu and overseas warehouses). Deterministic: same output
every run. Run: python3 scripts/generate-sample-catalog.py"""
import json, random, os

random.seed(20261122)

SHOPS = [
    ("S-88123", "晨光日用品商行", "Chenguang Daily Goods", "District 5, Hall 2, Booth 3021"),
    ("S-88201", "义乌恒达杯业", "Yiwu Hengda Drinkware", "District 2, Hall 1, Booth 1108"),
    ("S-88315", "星辰数码配件", "Xingchen Digital Accessories", "District 4, Hall 3, Booth 4215"),
    ("S-88422", "乐童玩具厂", "Letong Toy Factory", "District 1, Hall 2, Booth 0736"),
    ("S-88507", "金辉饰品", "Jinhui Jewelry", "District 1, Hall 4, Booth 2290"),
    ("S-88633", "欢庆节日用品", "Huanqing Festival Supplies", "District 3, Hall 1, Booth 1503"),
    ("S-88718", "书香文具", "Shuxiang Stationery", "District 3, Hall 2, Booth 2617"),
    ("S-88842", "美发饰界", "Meifa Hair Accessories", "District 1, Hall 3, Booth 3318"),
    ("S-88955", "好厨家居", "Haochu Kitchen & Home", "District 5, Hall 1, Booth 0912"),
    ("S-89061", "行者箱包", "Xingzhe Bags", "District 4, Hall 1, Booth 1820"),
    ("S-89174", "永固五金", "Yonggu Hardware", "District 4, Hall 2, Booth 2744"),
    ("S-89280", "巧手家居收纳", "Qiaoshou Home Storage", "District 5, Hall 3, Booth 3607"),
]

WAREHOUSES = [
    ("Dubai overseas warehouse", "AE"),
    ("São Paulo overseas warehouse", "BR"),
    ("Los Angeles overseas warehouse", "US"),
    ("Madrid overseas warehouse", "ES"),
    ("Jakarta overseas warehouse", "ID"),
]

COLORS = [("黑色", "Black"), ("白色", "White"), ("红色", "Red"), ("蓝色", "Blue"), ("粉色", "Pink"), ("绿色", "Green"), ("金色", "Gold"), ("银色", "Silver")]

# category -> shop index, unit, price range (USD), moq choices, weight kg, certs, items
# item: (zh, en, material_zh, material_en, variants)
CATALOG = {
    "household/drinkware": (1, ("个", "piece"), (0.9, 6.5), [300, 500, 1000], (0.15, 0.5), ["FDA", "LFGB"], [
        ("304不锈钢保温杯", "304 Stainless Steel Vacuum Flask", "304不锈钢", "304 stainless steel", ["350ml", "500ml", "750ml", "1000ml"]),
        ("玻璃水杯", "Glass Water Bottle", "高硼硅玻璃", "borosilicate glass", ["400ml", "550ml"]),
        ("陶瓷马克杯", "Ceramic Mug", "陶瓷", "ceramic", ["300ml", "380ml", "450ml"]),
        ("运动水壶", "Sports Water Bottle", "Tritan塑料", "Tritan plastic", ["600ml", "750ml", "1L"]),
        ("咖啡随行杯", "Travel Coffee Cup", "不锈钢", "stainless steel", ["350ml", "450ml"]),
        ("儿童吸管杯", "Kids Straw Cup", "PP塑料", "PP plastic", ["300ml", "450ml"]),
        ("双层玻璃杯", "Double Wall Glass Cup", "高硼硅玻璃", "borosilicate glass", ["250ml", "350ml"]),
        ("保温焖烧罐", "Insulated Food Jar", "316不锈钢", "316 stainless steel", ["500ml", "800ml"]),
    ]),
    "electronics/phone-accessories": (2, ("个", "piece"), (0.35, 4.8), [100, 200, 500], (0.03, 0.2), ["CE", "RoHS", "FCC"], [
        ("手机壳", "Phone Case", "TPU", "TPU", ["iPhone 15", "iPhone 16", "Galaxy S24"]),
        ("钢化玻璃膜", "Tempered Glass Screen Protector", "钢化玻璃", "tempered glass", ["iPhone 15", "iPhone 16", "Galaxy S24"]),
        ("快充数据线", "Fast Charging Cable", "尼龙编织", "braided nylon", ["USB-C 1m", "USB-C 2m", "Lightning 1m"]),
        ("手机支架", "Phone Stand", "铝合金", "aluminium alloy", ["foldable", "desk"]),
        ("充电头", "Wall Charger", "阻燃PC", "flame-retardant PC", ["20W", "35W", "65W"]),
        ("蓝牙耳机", "Bluetooth Earbuds", "ABS", "ABS", ["TWS", "open-ear"]),
        ("自拍杆", "Selfie Stick", "铝合金", "aluminium alloy", ["with tripod", "mini"]),
        ("车载手机支架", "Car Phone Holder", "ABS", "ABS", ["magnetic", "vent clip"]),
    ]),
    "toys/kids": (3, ("个", "piece"), (0.4, 7.5), [120, 240, 500], (0.05, 0.6), ["EN71", "ASTM F963", "CE"], [
        ("毛绒玩具熊", "Plush Teddy Bear", "PP棉", "PP cotton", ["20cm", "30cm", "45cm"]),
        ("解压捏捏乐", "Squeeze Stress Toy", "TPR", "TPR", ["fruit", "animal"]),
        ("积木套装", "Building Blocks Set", "ABS", "ABS", ["120 pcs", "300 pcs"]),
        ("遥控小汽车", "Remote Control Car", "ABS", "ABS", ["1:24", "1:16"]),
        ("泡泡机", "Bubble Machine", "PP塑料", "PP plastic", ["handheld", "gun"]),
        ("拼图", "Jigsaw Puzzle", "纸板", "cardboard", ["100 pcs", "500 pcs"]),
        ("磁力片", "Magnetic Tiles", "ABS", "ABS", ["32 pcs", "64 pcs"]),
        ("橡皮泥套装", "Play Dough Set", "面粉基", "flour-based", ["12 colors", "24 colors"]),
    ]),
    "fashion/jewelry": (4, ("件", "piece"), (0.25, 5.5), [50, 100, 300], (0.01, 0.05), ["REACH", "Nickel-free"], [
        ("不锈钢项链", "Stainless Steel Necklace", "316L不锈钢", "316L stainless steel", ["45cm", "50cm"]),
        ("锆石耳钉", "Zircon Stud Earrings", "925银", "925 silver", ["4mm", "6mm"]),
        ("珍珠手链", "Pearl Bracelet", "淡水珍珠", "freshwater pearl", ["17cm", "19cm"]),
        ("情侣戒指", "Couple Rings", "钛钢", "titanium steel", ["size 6-9", "size 7-10"]),
        ("时尚胸针", "Fashion Brooch", "合金", "alloy", ["flower", "bee"]),
        ("脚链", "Anklet", "合金", "alloy", ["chain", "beaded"]),
        ("耳环套装", "Earring Set", "合金", "alloy", ["6 pairs", "12 pairs"]),
    ]),
    "festival/decorations": (5, ("套", "set"), (0.3, 9.0), [100, 200, 500], (0.05, 0.8), ["CE"], [
        ("圣诞树挂件", "Christmas Tree Ornaments", "塑料", "plastic", ["24 pcs", "36 pcs"]),
        ("LED彩灯串", "LED String Lights", "铜线", "copper wire", ["5m", "10m", "20m"]),
        ("生日气球套装", "Birthday Balloon Set", "乳胶", "latex", ["30 pcs", "60 pcs"]),
        ("万圣节面具", "Halloween Mask", "乳胶", "latex", ["adult", "kids"]),
        ("斋月装饰灯", "Ramadan Lantern", "金属", "metal", ["small", "large"]),
        ("派对拉花", "Party Garland", "纸", "paper", ["3m", "5m"]),
        ("圣诞帽", "Santa Hat", "毛绒", "plush", ["adult", "kids"]),
        ("婚礼装饰花", "Wedding Artificial Flowers", "丝绸", "silk", ["bouquet", "garland"]),
    ]),
    "office/stationery": (6, ("个", "piece"), (0.05, 3.2), [500, 1000, 3000], (0.01, 0.3), ["EN71", "ASTM D4236"], [
        ("中性笔", "Gel Pen", "塑料", "plastic", ["0.5mm", "0.7mm"]),
        ("笔记本", "Notebook", "纸", "paper", ["A5", "B5"]),
        ("彩色铅笔", "Colored Pencils", "木材", "wood", ["12 colors", "24 colors", "48 colors"]),
        ("便利贴", "Sticky Notes", "纸", "paper", ["76x76mm", "set of 6"]),
        ("文具盒", "Pencil Case", "帆布", "canvas", ["single", "double layer"]),
        ("荧光笔", "Highlighter Pen", "塑料", "plastic", ["6 colors", "pastel"]),
        ("订书机", "Stapler", "金属", "metal", ["mini", "standard"]),
        ("修正带", "Correction Tape", "塑料", "plastic", ["5mm x 6m", "5mm x 12m"]),
    ]),
    "fashion/hair-accessories": (7, ("个", "piece"), (0.08, 2.5), [200, 500, 1000], (0.01, 0.08), ["REACH"], [
        ("发夹", "Hair Clip", "醋酸", "acetate", ["claw 9cm", "claw 11cm"]),
        ("发圈", "Hair Scrunchie", "真丝", "silk", ["single", "set of 6"]),
        ("发箍", "Headband", "绒布", "velvet", ["padded", "thin"]),
        ("珍珠发卡", "Pearl Hair Pin", "合金", "alloy", ["set of 10", "set of 20"]),
        ("蝴蝶结发夹", "Bow Hair Clip", "缎面", "satin", ["small", "large"]),
        ("儿童发饰套装", "Kids Hair Accessory Set", "塑料", "plastic", ["30 pcs", "60 pcs"]),
        ("鲨鱼夹", "Shark Claw Clip", "塑料", "plastic", ["matte", "marble"]),
    ]),
    "household/kitchenware": (8, ("个", "piece"), (0.2, 8.5), [200, 500, 1000], (0.05, 1.2), ["FDA", "LFGB"], [
        ("硅胶锅铲", "Silicone Spatula", "食品级硅胶", "food-grade silicone", ["single", "set of 5"]),
        ("不锈钢饭盒", "Stainless Steel Lunch Box", "304不锈钢", "304 stainless steel", ["1 layer", "2 layers"]),
        ("切菜板", "Cutting Board", "竹", "bamboo", ["30x20cm", "40x30cm"]),
        ("保鲜盒", "Food Storage Container", "玻璃", "glass", ["set of 3", "set of 5"]),
        ("削皮刀", "Vegetable Peeler", "不锈钢", "stainless steel", ["Y-shape", "straight"]),
        ("硅胶保鲜袋", "Silicone Storage Bag", "食品级硅胶", "food-grade silicone", ["500ml", "1000ml"]),
        ("不粘煎锅", "Non-stick Frying Pan", "铝", "aluminium", ["20cm", "24cm", "28cm"]),
        ("量勺套装", "Measuring Spoon Set", "不锈钢", "stainless steel", ["6 pcs", "8 pcs"]),
    ]),
    "fashion/bags": (9, ("个", "piece"), (0.6, 12.0), [100, 300, 500], (0.1, 0.9), ["REACH"], [
        ("帆布托特包", "Canvas Tote Bag", "帆布", "canvas", ["plain", "printed"]),
        ("双肩背包", "Backpack", "牛津布", "oxford cloth", ["15.6 inch", "17 inch"]),
        ("化妆包", "Cosmetic Bag", "PU皮", "PU leather", ["small", "large"]),
        ("环保购物袋", "Reusable Shopping Bag", "无纺布", "non-woven fabric", ["standard", "foldable"]),
        ("斜挎包", "Crossbody Bag", "PU皮", "PU leather", ["mini", "medium"]),
        ("儿童书包", "Kids School Bag", "尼龙", "nylon", ["primary", "kindergarten"]),
        ("旅行收纳袋", "Travel Packing Cubes", "尼龙", "nylon", ["set of 4", "set of 6"]),
    ]),
    "tools/hardware": (10, ("个", "piece"), (0.15, 9.5), [100, 500, 1000], (0.05, 1.5), ["CE", "GS"], [
        ("螺丝刀套装", "Screwdriver Set", "铬钒钢", "chrome vanadium steel", ["24 in 1", "45 in 1"]),
        ("卷尺", "Tape Measure", "钢", "steel", ["3m", "5m", "7.5m"]),
        ("门把手", "Door Handle", "锌合金", "zinc alloy", ["lever", "knob"]),
        ("挂钩", "Adhesive Wall Hooks", "不锈钢", "stainless steel", ["set of 10", "set of 20"]),
        ("扳手", "Adjustable Wrench", "碳钢", "carbon steel", ["8 inch", "10 inch"]),
        ("电工胶带", "Electrical Tape", "PVC", "PVC", ["10m", "20m"]),
        ("家用工具箱", "Household Tool Kit", "碳钢", "carbon steel", ["40 pcs", "108 pcs"]),
        ("抽屉滑轨", "Drawer Slide Rail", "冷轧钢", "cold-rolled steel", ["300mm", "400mm"]),
    ]),
    "household/storage": (11, ("个", "piece"), (0.3, 6.0), [200, 500, 1000], (0.1, 1.0), ["FDA"], [
        ("收纳盒", "Storage Box", "PP塑料", "PP plastic", ["small", "medium", "large"]),
        ("衣架", "Clothes Hanger", "植绒", "velvet", ["set of 10", "set of 20"]),
        ("真空压缩袋", "Vacuum Storage Bag", "PA+PE", "PA+PE", ["medium", "jumbo"]),
        ("化妆品收纳架", "Makeup Organizer", "亚克力", "acrylic", ["3 tier", "rotating"]),
        ("鞋架", "Shoe Rack", "铁", "iron", ["3 tier", "5 tier"]),
        ("桌面收纳篮", "Desk Storage Basket", "棉绳", "cotton rope", ["small", "large"]),
    ]),
}

def price_tiers(low, high, moq):
    base = round(random.uniform(low, high), 2)
    return [
        {"minQty": moq, "unitPrice": base, "currency": "USD"},
        {"minQty": moq * 4, "unitPrice": round(base * 0.88, 2), "currency": "USD"},
        {"minQty": moq * 10, "unitPrice": round(base * 0.78, 2), "currency": "USD"},
    ]

products = []
next_id = 100235
for category, (shop_index, unit, (low, high), moqs, (wlow, whigh), certs, items) in CATALOG.items():
    shop = SHOPS[shop_index]
    for zh, en, mat_zh, mat_en, variants in items:
        for variant in variants:
            for color_zh, color_en in random.sample(COLORS, 2 if len(products) % 7 else 1):
                pid = f"YW-{next_id}"
                next_id += 1
                moq = random.choice(moqs)
                overseas = random.sample(WAREHOUSES, random.choice([1, 2, 2, 3]))
                stock = [{"warehouse": "Yiwu", "country": "CN", "qty": random.randrange(2000, 60000, 100)}]
                stock += [{"warehouse": w, "country": c, "qty": random.randrange(0, 3000, 50)} for w, c in overseas]
                logo = random.random() < 0.7
                products.append({
                    "id": pid,
                    "shop": {"id": shop[0], "name": {"zh": shop[1], "en": shop[2]}, "booth": shop[3]},
                    "category": category,
                    "title": {"zh": f"{color_zh}{zh} {variant}", "en": f"{color_en} {en} {variant}"},
                    "description": {
                        "zh": f"{mat_zh}材质，{variant}规格，义乌现货，支持批发。",
                        "en": f"Made of {mat_en}, {variant}. In stock in Yiwu, wholesale only.",
                    },
                    "attributes": [
                        {"name": {"zh": "材质", "en": "Material"}, "value": {"zh": mat_zh, "en": mat_en}},
                        {"name": {"zh": "规格", "en": "Size"}, "value": {"zh": variant, "en": variant}},
                        {"name": {"zh": "颜色", "en": "Color"}, "value": {"zh": color_zh, "en": color_en}},
                    ],
                    "variants": [{"sku": f"{pid}-{color_en[:3].upper()}", "options": {"color": {"zh": color_zh, "en": color_en}}}],
                    "unit": {"zh": unit[0], "en": unit[1]},
                    "moq": moq,
                    "priceTiers": price_tiers(low, high, moq),
                    "stock": stock,
                    "leadTimeDays": random.choice([3, 5, 7, 10, 15, 20]),
                    "customization": {"logo": logo, "logoMoq": moq * 2 if logo else None, "packaging": random.random() < 0.6},
                    "samples": {"available": random.random() < 0.85, "unitPrice": round(random.uniform(2, 15), 1), "currency": "USD"},
                    "certifications": random.sample(certs, random.randint(1, len(certs))),
                    "shipping": {
                        "weightKg": round(random.uniform(wlow, whigh), 2),
                        "cartonQty": random.choice([20, 50, 100, 200, 500]),
                        "cartonSizeCm": [random.choice([40, 50, 60]), random.choice([30, 40]), random.choice([30, 35, 45])],
                        "incoterms": random.sample(["EXW", "FOB", "CIF", "DDP"], random.randint(2, 4)),
                        "port": random.choice(["Ningbo", "Shanghai"]),
                    },
                    "images": [f"/catalog/v1/images/{pid}.png"],
                    "updatedAt": "2026-11-01T08:00:00Z",
                })

# The contract's own example product, with the three tiers buyers' questions are checked against.
products.insert(0, {
    "id": "YW-100234",
    "shop": {"id": "S-88123", "name": {"zh": "晨光日用品商行", "en": "Chenguang Daily Goods"}, "booth": "District 5, Hall 2, Booth 3021"},
    "category": "household/drinkware",
    "title": {"zh": "304不锈钢保温杯 500ml", "en": "304 Stainless Steel Vacuum Flask 500ml"},
    "description": {"zh": "双层真空，保温12小时，食品级304不锈钢。", "en": "Double-wall vacuum, keeps drinks hot for 12 hours, food-grade 304 stainless steel."},
    "attributes": [{"name": {"zh": "材质", "en": "Material"}, "value": {"zh": "304不锈钢", "en": "304 stainless steel"}},
                   {"name": {"zh": "容量", "en": "Capacity"}, "value": {"zh": "500毫升", "en": "500 ml"}}],
    "variants": [{"sku": "YW-100234-BLK", "options": {"color": {"zh": "黑色", "en": "Black"}}},
                 {"sku": "YW-100234-WHT", "options": {"color": {"zh": "白色", "en": "White"}}}],
    "unit": {"zh": "个", "en": "piece"},
    "moq": 500,
    "priceTiers": [{"minQty": 500, "unitPrice": 1.85, "currency": "USD"},
                   {"minQty": 2000, "unitPrice": 1.62, "currency": "USD"},
                   {"minQty": 5000, "unitPrice": 1.45, "currency": "USD"}],
    "stock": [{"warehouse": "Yiwu", "country": "CN", "qty": 12000},
              {"warehouse": "Dubai overseas warehouse", "country": "AE", "qty": 800},
              {"warehouse": "São Paulo overseas warehouse", "country": "BR", "qty": 0}],
    "leadTimeDays": 7,
    "customization": {"logo": True, "logoMoq": 1000, "packaging": True},
    "samples": {"available": True, "unitPrice": 5.0, "currency": "USD"},
    "certifications": ["FDA", "LFGB"],
    "shipping": {"weightKg": 0.32, "cartonQty": 50, "cartonSizeCm": [60, 40, 45], "incoterms": ["EXW", "FOB", "DDP"], "port": "Ningbo"},
    "images": ["/catalog/v1/images/YW-100234.png"],
    "updatedAt": "2026-11-01T08:00:00Z",
})

out = os.path.join(os.path.dirname(__file__), "..", "src", "LiveAssist.Catalog.Service", "Data", "sample-catalog.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(products, f, ensure_ascii=False, indent=1)
cats = {}
for p in products:
    cats[p["category"]] = cats.get(p["category"], 0) + 1
print(len(products), "products;", len(cats), "categories:", cats)
