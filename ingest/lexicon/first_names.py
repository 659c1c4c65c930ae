"""Given names that tell a person's gender: common names of many languages, lower case.

A name on both lists (``jean``, ``andrea``, ``kim``) is on neither: it tells nothing. The
lists are knowledge of names in general, not of any article's people; extend them freely.
"""

from __future__ import annotations

from ingest.lexicon import word_set
from ingest.lexicon.given_names_us import US_FEMALE_NAMES, US_MALE_NAMES

_MALE = word_set(
    """
    aaron abdul abdullah abraham adam adrian ahmed ahmad alan albert alberto alejandro
    aleksandr alex alexander alexei alfred ali alistair allen alvin amir anatoly andre
    andrei andres andrew andy angelo anthony antonio arnold arthur arturo ashton bart
    ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brendan
    brett brian bruce bryan carl carlos cecil charles charlie chris christian christopher
    chuck clarence claude clint colin craig curtis dale dan daniel danny darrell dave
    david dean dennis derek devin diego dmitri dmitry dominic don donald doug douglas
    duncan dwight earl eddie edgar eduardo edward edwin elijah elliot emmanuel enrique
    eric erik ernest ethan eugene evan fabio felipe felix fernando francesco francis
    francisco franco frank franklin fred frederick gabriel gareth gary gene geoffrey
    george gerald gerard gilbert giovanni giuseppe glenn gordon graham greg gregory
    guillermo gustavo hamid hans harold harry hassan hector henry herbert howard hugh
    hugo hussein ian igor isaac ivan jack jacob jaime jake james jamal jared jason javier
    jay jeff jefferson jeffrey jeremy jerome jerry jesse jesus jim jimmy joe joel johan
    john johnny jon jonathan jorge jose joseph josh joshua juan julian julio justin karl
    keith ken kenneth kevin khalid kirk kurt kyle lamar larry lars lawrence lee leon
    leonard leroy lewis lloyd louis luca lucas luis luke malcolm manuel marc
    marco marcus mario mark martin marvin matt matthew maurice max michael miguel mike
    mikhail milton mitch mitchell mohamed mohammad mohammed muhammad nathan neil nelson
    nicholas nick nicolas nigel noah norman oleg oliver omar oscar otto owen pablo patrick
    paul pedro peter phil philip pierre rafael ralph ramon randall randy ray raymond reggie
    rex ricardo richard rick rob robert roberto rodney roger roland ron ronald ross
    roy ruben rudy russell ryan salvador sam samuel scott sean sergei sergey seth simon
    stanley stefan stephen steve steven stuart tariq ted terry theodore thomas tim timothy
    todd tom tommy tony travis trevor troy tyler vernon victor vince vincent vladimir
    walter warren wayne wesley william willie xavier yuri yusuf zachary
    """
)

_FEMALE = word_set(
    """
    abigail ada adriana agnes aisha alexandra alice alicia alison allison amanda amber amy
    ana anastasia angela angelina anita ann anna anne annette antonia april arlene audrey
    barbara beatrice becky belinda betsy betty beverly bonnie brenda bridget brittany
    camila candace carla carmen carol caroline carolyn cassandra catherine cathy cecilia
    celia charlotte chelsea cheryl chloe christina christine cindy claire clara claudia
    colleen connie constance cynthia daisy dana daniela danielle darlene dawn debbie
    deborah debra denise diana diane dolores donna dorothy dottie edith eileen elaine
    eleanor elena elisa elizabeth ella ellen emily emma erica erin esther eva evelyn fatima
    fiona florence frances gabriela gail gina gloria grace gwen hannah harriet hazel
    heather heidi helen helena hillary holly ida ingrid irene iris isabel isabella
    jacqueline jane janet janice jasmine jeanne jennifer jenny jessica jill joan joanna
    joanne josephine joy joyce judith judy julia julie karen katherine kathleen kathryn
    kathy katie katrina kay kayla kelly kimberly kristen kristin laura lauren leah leslie
    lillian linda lisa lois loretta lori louise lucia lucy lydia lynn madeleine madison
    marcia margaret maria marian marie marilyn marina marion marjorie marsha martha mary
    maureen maxine megan melanie melissa michelle mildred miriam molly monica
    nadia nancy natalia natalie natasha nicole nina nora norma olga olivia pamela patricia
    paula pauline peggy penny phyllis priscilla rachel rebecca regina renee rita roberta
    rosa rosalind rose rosemary ruth sally samantha sandra sara sarah sharon sheila shirley
    sofia sonia sophia sophie stacey stephanie sue susan suzanne svetlana sylvia tamara
    tammy tanya teresa theresa tiffany tina tracy ursula valerie vanessa vera veronica
    victoria viktoria virginia vivian wanda wendy whitney yolanda yvonne zoe
    """
)

# ``jean``, ``andrea``, ``kim`` and the like are left off both lists; any overlap is dropped.
MALE_FIRST_NAMES = _MALE - _FEMALE
FEMALE_FIRST_NAMES = _FEMALE - _MALE

# Broader tables for a person's gender and for telling a person's name: the lists above and
# the US records (``given_names_us``), where a name of the lists above keeps its sex. They
# are not used to cut a name out of a capitalised run (``Miss Lowland Ana Ruiz``): the US
# records hold words such as ``will`` or ``dallas`` that open other names too.
MALE_GIVEN_NAMES = MALE_FIRST_NAMES | (US_MALE_NAMES - _FEMALE)
FEMALE_GIVEN_NAMES = FEMALE_FIRST_NAMES | (US_FEMALE_NAMES - _MALE)

# Role nouns that tell a person's gender ("the chairwoman", "Congresswoman Ana Ruiz").
FEMALE_ROLE_WORDS = word_set(
    """
    chairwoman congresswoman spokeswoman councilwoman businesswoman stateswoman queen
    princess duchess countess lady dame madam madame mother wife daughter sister widow
    grandmother aunt niece actress waitress
    """
)
MALE_ROLE_WORDS = word_set(
    """
    chairman congressman spokesman councilman businessman statesman king prince duke
    lord sir father husband son brother widower grandfather uncle nephew actor
    """
)
