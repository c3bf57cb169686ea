// The voting booth's live tally: how many projects, how much money or how many points the
// resident has chosen so far, against the ballot's limits. The form works the same without it,
// and the server checks every ballot; this only spares a resident a refused form.
(function () {
  "use strict";
  var tally = document.getElementById("tally");
  var booth = document.getElementById("booth");
  if (!tally || !booth) {
    return;
  }
  var regions = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" };
  var money = new Intl.NumberFormat(regions[document.documentElement.lang] || "nl-BE", {
    style: "currency",
    currency: "EUR"
  });
  var limit = function (name) {
    return tally.dataset[name] === undefined ? Infinity : Number(tally.dataset[name]);
  };
  function update() {
    var count = 0;
    var cents = 0;
    var points = 0;
    booth.querySelectorAll("input").forEach(function (input) {
      if (input.type === "checkbox" && input.checked) {
        count += 1;
        cents += Number(input.dataset.cents || 0);
      } else if (input.type === "number" && input.name.indexOf("points[") === 0) {
        points += Math.max(0, parseInt(input.value, 10) || 0);
      }
    });
    var over = count > limit("max") || cents > limit("limit") || points > limit("points");
    var said = tally.dataset.say
      .replace("{count}", String(count))
      .replace("{used}", money.format(cents / 100))
      .replace("{points}", String(points));
    tally.textContent = over ? said + " " + tally.dataset.over : said;
    tally.classList.toggle("over", over);
  }
  booth.addEventListener("input", update);
  booth.addEventListener("change", update);
  tally.hidden = false;
  update();
})();
