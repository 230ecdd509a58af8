#!/usr/bin/env python3
"""Writes a linxuan site with a generated occupation table, for benchmarks.

    benches/gen_site.py ROWS OUT_DIR [--seed N]

The table has the notice's headers, plausible Chinese names, unique valid codes spread over
大类/中类, varied level ranges and counts; the same ROWS and seed give the same bytes. The
notice text and the forms are copied from the shipped site, so only the table's size changes.
"""
import argparse
import csv
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAJORS = {
    1: "党的机关、国家机关、群众团体和社会组织、企事业单位负责人", 2: "专业技术人员", 3: "办事人员和有关人员",
    4: "社会生产服务和生活服务人员", 5: "农、林、牧、渔业生产及辅助人员", 6: "生产制造及有关人员",
    7: "军队人员", 8: "不便分类的其他从业人员",
}
# Weights roughly follow the 2022 edition, where 大类 2, 4 and 6 hold most occupations.
MAJOR_WEIGHTS = {1: 1, 2: 8, 3: 2, 4: 9, 5: 2, 6: 14, 7: 0, 8: 1}
FIELDS = ["机械", "电子", "化工", "纺织", "食品", "建筑", "交通", "信息", "医药", "冶金", "能源", "环境", "农业",
          "林业", "水产", "物流", "商务", "家政", "健康", "文化", "体育", "旅游", "金融", "通信", "汽车", "船舶",
          "航空", "铁路", "电力", "燃气", "水务", "园林", "印刷", "包装", "家具", "陶瓷", "玻璃", "橡胶", "塑料"]
OBJECTS = ["设备", "仪表", "系统", "材料", "产品", "工艺", "线路", "装置", "机组", "管道", "模具", "部件", "器件",
           "网络", "平台", "数据", "车辆", "工程", "装配", "检测", "包装", "制冷", "焊接", "涂装", "铸造"]
ROLES = ["操作工", "维修工", "装配工", "调试员", "检验员", "设计师", "管理员", "技术员", "安装工", "运维员",
         "制作工", "加工工", "工程技术人员", "服务员", "指导师", "分析师", "培训师", "监测员", "保养工"]
RANGES = ["5、4、3、2、1", "5、4、3、2、1", "5、4、3、2、1", "4、3、2、1", "5、4、3", "3、2、1", "5、4", "4、3、2", "2、1"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copy(ROOT / "config.toml", out / "config.toml")
    shutil.copytree(ROOT / "content", out / "content")

    majors = [m for m, w in MAJOR_WEIGHTS.items() for _ in range(w)]
    codes, names, middles = set(), set(), {}
    rows = []
    while len(rows) < args.rows:
        major = rng.choice(majors)
        middle = rng.randint(1, 40)
        code = f"{major}-{middle:02d}-{rng.randint(1, 99):02d}-{rng.randint(0, 99):02d}"
        if code in codes:
            continue
        name = rng.choice(FIELDS) + rng.choice(OBJECTS) + rng.choice(ROLES)
        if name in names:
            name = f"{name}（{len(rows) + 1}）"
        codes.add(code)
        names.add(name)
        middles.setdefault((major, middle), rng.choice(FIELDS) + rng.choice(["服务人员", "生产人员", "技术人员", "制造人员"]))
        rows.append([len(rows) + 1, name, code, rng.choice(RANGES), rng.choice([1, 1, 1, 2, 3])])

    with open(out / "data/occupations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["序号", "职业（工种）", "职业编码", "等级范围", "拟遴选机构数量"])
        w.writerows(rows)
    with open(out / "data/categories.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["编码", "名称"])
        for major in sorted({m for m, _ in middles}):
            w.writerow([str(major), MAJORS[major]])
        for (major, middle), name in sorted(middles.items()):
            w.writerow([f"{major}-{middle:02d}", name])


if __name__ == "__main__":
    main()
