"""What the checker reports: one :class:`Finding` per seam, with a stable code."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.draft import Notice

#: Stable codes and what each means (shown by ``docgen quality`` and in the docs).
CODES: dict[str, str] = {
    "quality-repeat": "同一句话在文中出现不止一次",
    "quality-boilerplate": "同一长分句在文中多处重复，或褒扬套语（功不可没、来之不易……）用了不止一次（套话重复）",
    "quality-doubled": "词语、数量或年份重复（如“考核考核”“等5家单位等5个单位”“2024年度“2023年度”）",
    "quality-single": "只有一项的列举（有“一是”无“二是”，或“（一）”“1.”独自成节）",
    "quality-yao-subject": "“要”“一要”后面紧跟自带主语或时间的分句",
    "quality-stub": "句末残缺的短分句（如“印发简报3期，首次。”）",
    "quality-nested-list": "顿号列举的某一项自身含有顿号",
    "quality-punct": "标点悬空或重复（如“，。”“、。”、空括号、段首标点）",
    "quality-same-opening": "相邻两段开头相同",
    "quality-repeat-lead": "相邻两句以同样的引导语开头（如“再比如”连用）",
    "quality-orphan-example": "段首就是举例（“比如，……”），前面没有它要说明的论断",
    "quality-subject": "排名句缺少主语（如“在《X》的考核得分在全省16家单位中位居第三位”）",
    "quality-numerals": "数字写法不合 GB/T 15835：同一句中时长写法不一致（“30分钟”与“一小时”），或用了全角数字（２０２５）",
    "quality-placeholder": "文中有占位符（×、xx、20xx、某某、○○，定稿中的〔待补〕）",
    "quality-claim": "数据没有的说法（精确百分数后加“以上”、由约数算出的精确百分数、约数旁的“持平”）",
}


@dataclass(frozen=True)
class Finding:
    """One seam: its code, what is wrong, the sentence it is in, and the data paths of that sentence."""

    code: str
    message: str
    sentence: str
    paths: tuple[str, ...] = ()
    block: int = -1  # index of the draft block it was found in

    def notice(self) -> Notice:
        return Notice(self.code, f"{self.message}：{self.sentence}", "、".join(self.paths))

    def format(self) -> str:
        where = f" ({'、'.join(self.paths)})" if self.paths else ""
        return f"[{self.code}] {self.message}：{self.sentence}{where}"
