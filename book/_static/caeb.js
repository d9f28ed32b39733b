// Central Asia Evidence Book: give the theme's navigation toggles an accessible name.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("summary").forEach(function (summary) {
    if (!summary.textContent.trim() && !summary.getAttribute("aria-label")) {
      var item = summary.parentNode.parentNode, link = item ? item.querySelector("a") : null;
      summary.setAttribute("aria-label", "Show or hide the pages under " + (link ? link.textContent.trim() : "this section"));
    }
  });
});
