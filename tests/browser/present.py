"""In the browser: choosing a client in the header's "Present to…" by typing
part of its name or id (the list is searched on the server), then "Present"."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from layouts.account import PRESENT_BUTTON, PRESENT_CLIENT_FIELD, PRESENT_PICKER
from tests.browser.conftest import wait


def search_box(driver):
    """The open dropdown's search field, once it is shown."""
    boxes = driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-search")
    return next((box for box in boxes if box.is_displayed()), None)


def _option(driver, external_id: str):
    """The open list's option of the client, or None (not listed yet)."""
    try:
        for option in driver.find_elements(By.CSS_SELECTOR, "[role=option]"):
            if option.text.endswith(f"({external_id})"):
                return option
    except StaleElementReferenceException:
        pass
    return None


def choose_present_client(driver, text: str, external_id: str) -> str:
    """Open "Present to…", type `text`, click the option of `external_id` once
    the server has found it; its label as shown."""
    driver.find_element(By.ID, PRESENT_PICKER).click()
    wait(driver).until(search_box).send_keys(text)
    option = wait(driver).until(lambda d: _option(d, external_id))
    label = option.text
    option.click()
    field = driver.find_element(By.ID, PRESENT_CLIENT_FIELD)
    wait(driver).until(lambda d: field.get_attribute("value") == external_id)
    return label


def present_to(driver, text: str, external_id: str) -> str:
    """Choose the client by `text` and press "Present"; the option's label."""
    label = choose_present_client(driver, text, external_id)
    button = driver.find_element(By.ID, PRESENT_BUTTON)
    wait(driver).until(lambda d: button.is_enabled())
    button.click()
    return label
