import xml.etree.ElementTree as ET

from vivier.lib import svgchart

NS = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))


def test_bars_are_valid_svg_with_a_title_a_bar_per_label_and_escaped_text():
    svg = parse(
        svgchart.bars(
            [0.12, 0.05, None],
            ["Premier message", "Relance 1", "<script>"],
            title="Taux de réponse",
            notes=["12 % · 9/75", "5 % · 3/60", "—"],
        )
    )
    assert svg.get("role") == "img" and svg.get("aria-label") == "Taux de réponse"
    assert svg.find(f"{NS}title").text == "Taux de réponse"
    rects = svg.findall(f"{NS}rect")
    assert len(rects) == 3
    assert float(rects[0].get("width")) > float(rects[1].get("width")) > float(rects[2].get("width")) == 0
    texts = [t.text for t in svg.findall(f"{NS}text")]
    assert "<script>" in texts and "12 % · 9/75" in texts
    assert "<script>" not in str(svgchart.bars([1], ["<script>"], title="t"))


def test_lines_draw_one_polyline_per_series_with_a_legend():
    svg = parse(
        svgchart.lines(
            [("Étape 1", [0, 5, 9, 10]), ("Étape 2", [0, 2, 3])], title="Réponses cumulées", x_label="jours"
        )
    )
    assert len(svg.findall(f"{NS}polyline")) == 2
    assert {"Étape 1", "Étape 2", "jours"} <= {t.text for t in svg.findall(f"{NS}text")}


def test_the_grid_shades_cells_by_count_and_titles_each_cell():
    counts = [[0] * 24 for _ in range(7)]
    counts[1][14] = 8
    counts[3][9] = 2
    svg = parse(
        svgchart.grid(
            counts,
            ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"],
            [f"{h}h" for h in range(24)],
            title="Réponses par jour et heure",
        )
    )
    rects = svg.findall(f"{NS}rect")
    assert len(rects) == 7 * 24
    by_title = {r.find(f"{NS}title").text: float(r.get("fill-opacity")) for r in rects}
    assert by_title["mar 14h: 8"] == 1.0
    assert by_title["mar 14h: 8"] > by_title["jeu 9h: 2"] > by_title["lun 0h: 0"]
